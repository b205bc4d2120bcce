${creditor}貼心提醒：您的帳單將於${dueDate}到期
