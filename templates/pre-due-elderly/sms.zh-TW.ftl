${creditor}貼心提醒：${name}您好，您的${product}還有${daysToDue}天到期（${dueDate}），本期要繳${amount}。需要協助請撥${hotline}，客服會耐心為您辦理。祝您身體健康！回覆TD取消
