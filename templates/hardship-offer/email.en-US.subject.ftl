${creditor}: installment and deferral options for you
