${creditor}温馨提醒：您的${product}已过还款日
