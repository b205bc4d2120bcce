【${creditor}】${name}您好，您的${product}本期${amount}在${dueDate}到期，已过了${daysOverdue}天。不用着急，请拨打${hotline}，客服会耐心帮您办理还款。祝您身体健康！回复TD退订
