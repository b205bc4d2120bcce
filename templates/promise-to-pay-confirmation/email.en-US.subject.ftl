${creditor}: we have noted your payment promise
