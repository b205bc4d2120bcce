${creditor}溫馨提示：閣下的結單將於${dueDate}到期
