${creditor}繳款提醒：您的帳款已逾期${daysOverdue}天
