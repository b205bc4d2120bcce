${creditor}還款提示：今日是閣下的還款日
