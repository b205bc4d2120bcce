${creditor}：已收到您的繳款承諾
