【${creditor}】尊敬的${name}，温馨提醒：您的${product}本期应还${amount}，将于${dueDate}到期（还有${daysToDue}天）。可通过官方App或致电${hotline}还款，感谢您一直以来的信任。回复TD退订
