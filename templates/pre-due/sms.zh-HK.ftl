【${creditor}】${name}閣下：溫馨提示，閣下的${product}本期還款額${amount}，將於${dueDate}到期（尚餘${daysToDue}日）。可透過官方App或致電${hotline}還款，多謝閣下一直以來的支持。回覆TD取消
