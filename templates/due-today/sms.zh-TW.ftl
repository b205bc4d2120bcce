${creditor}提醒您：${name}您好，今天（${dueDate}）是您${product}的繳款截止日，本期應繳${amount}。請透過官方App或撥打${hotline}繳款，若已繳款請忽略。謝謝！回覆TD取消
