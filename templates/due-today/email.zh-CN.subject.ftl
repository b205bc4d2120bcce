${creditor}还款提醒：今天是您的还款日
