${creditor}: your payment is due today
