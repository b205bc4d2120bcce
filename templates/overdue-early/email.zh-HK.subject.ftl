${creditor}溫馨提示：閣下的戶口已逾期${daysOverdue}日
