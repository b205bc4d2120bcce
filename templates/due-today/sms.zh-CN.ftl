【${creditor}】尊敬的${name}，今天（${dueDate}）是您${product}的还款日，本期应还${amount}。请通过官方App或致电${hotline}还款，如已还款请忽略。祝您生活愉快！回复TD退订
