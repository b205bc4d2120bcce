${creditor}重要提示：閣下的戶口已逾期${daysOverdue}日
