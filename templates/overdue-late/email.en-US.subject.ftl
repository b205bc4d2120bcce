${creditor}: your account is now with our Customer Assistance Department
