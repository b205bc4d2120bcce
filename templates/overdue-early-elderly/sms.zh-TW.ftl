${creditor}提醒您：${name}您好，您的${product}本期${amount}在${dueDate}到期，目前已過了${daysOverdue}天。不用著急，請撥${hotline}，客服會一步一步協助您繳款。祝您身體健康！回覆TD取消
