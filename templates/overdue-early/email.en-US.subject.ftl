${creditor}: a friendly reminder about your payment
