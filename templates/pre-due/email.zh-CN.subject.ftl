${creditor}温馨提醒：您的账单将于${dueDate}到期
