${creditor}溫馨提示：閣下的${product}已過還款日
