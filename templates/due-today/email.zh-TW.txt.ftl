${name}您好：

今天（${dueDate}）是您在${creditor}的${product}繳款截止日，本期應繳金額為${amount}。

請透過${creditor}官方App、網路銀行，或撥打客服專線${hotline}完成繳款。若已繳款，請忽略本通知。

謝謝您的配合。

${creditor} 敬上
本郵件由系統發送。若不希望再收到此類郵件，請撥打${hotline}辦理取消。
