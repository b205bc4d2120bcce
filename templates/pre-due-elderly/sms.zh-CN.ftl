【${creditor}】${name}您好，温馨提醒：您的${product}还有${daysToDue}天到期（${dueDate}），本期要还${amount}。如需帮助，请拨打${hotline}，客服会耐心为您办理。祝您身体健康！回复TD退订
