${creditor}: a gentle note about your ${product}
