${creditor}：已收到閣下的還款承諾
