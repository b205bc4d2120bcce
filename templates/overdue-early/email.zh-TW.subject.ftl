${creditor}貼心提醒：您的帳款已逾期${daysOverdue}天
