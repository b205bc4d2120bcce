${creditor}貼心提醒：${name}您好，您的${product}本期應繳金額${amount}，繳款截止日為${dueDate}（尚有${daysToDue}天）。可透過官方App或撥打${hotline}繳款，謝謝您的支持。回覆TD取消
