${creditor}重要通知：您的帳款已逾期${daysOverdue}天
