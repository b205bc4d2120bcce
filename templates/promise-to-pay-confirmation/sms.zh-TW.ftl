${creditor}確認：${name}您好，謝謝您的繳款承諾，您將於${dueDate}前繳納${product}${amount}。請準時透過官方App或撥打${hotline}繳款，如有變動請提前告知。回覆TD取消
