${creditor}貼心提醒：您的${product}已過繳款日
