${name}您好：

您的${product}本期要繳${amount}，繳款截止日是${dueDate}，目前已經過了${daysOverdue}天。

不用著急。您可以撥打${creditor}客服專線${hotline}，客服會一步一步耐心協助您繳款；也可以使用官方App繳款。

祝您身體健康，萬事如意！

${creditor} 敬上
本郵件由系統發送。若不希望再收到此類郵件，請撥打${hotline}辦理取消。
