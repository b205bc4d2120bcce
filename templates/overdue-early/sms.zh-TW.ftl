${creditor}提醒您：${name}您好，您的${product}本期${amount}已於${dueDate}到期，目前逾期${daysOverdue}天，也許只是一時疏忽。請透過官方App或撥打${hotline}繳款，如有困難歡迎來電討論。相信您能妥善處理。回覆TD取消
