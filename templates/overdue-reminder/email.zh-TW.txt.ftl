${name}您好：

您在${creditor}的${product}應繳金額為${amount}，繳款截止日為${dueDate}，目前已逾期${daysOverdue}天。

請您透過${creditor}官方App、網路銀行，或撥打客服專線${hotline}辦理繳款。若您目前有困難，歡迎來電與我們討論分期或延後繳款方案。

相信您能妥善處理，謝謝您的配合。

${creditor} 敬上
本郵件由系統發送。若不希望再收到此類郵件，請撥打${hotline}辦理取消。
