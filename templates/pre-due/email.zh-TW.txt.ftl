${name}您好：

您在${creditor}的${product}本期應繳金額為${amount}，繳款截止日為${dueDate}（尚有${daysToDue}天）。

您可以透過${creditor}官方App、網路銀行，或撥打客服專線${hotline}按時繳款。若已完成繳款，請忽略本通知。

謝謝您一直以來的支持。

${creditor} 敬上
本郵件由系統發送。若不希望再收到此類郵件，請撥打${hotline}辦理取消。
