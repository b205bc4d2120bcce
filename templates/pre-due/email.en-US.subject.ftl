${creditor}: your payment is due ${dueDate}
