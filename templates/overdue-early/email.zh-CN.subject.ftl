${creditor}温馨提醒：您的账单已逾期${daysOverdue}天
