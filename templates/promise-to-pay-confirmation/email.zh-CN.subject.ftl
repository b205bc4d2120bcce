${creditor}：已收到您的还款承诺
