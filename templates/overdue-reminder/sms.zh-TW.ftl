${creditor}提醒您：${name}您好，您的${product}應繳金額${amount}，繳款截止日為${dueDate}，目前已逾期${daysOverdue}天。請透過官方App或撥打客服專線${hotline}繳款，如有困難可洽詢分期方案。相信您能妥善處理，謝謝。回覆TD取消
