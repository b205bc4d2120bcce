【${creditor}】${name}閣下：閣下的${product}本期${amount}已於${dueDate}到期，現逾期${daysOverdue}日，或許只是一時疏忽。請透過官方App或致電${hotline}還款，如有困難歡迎來電商討。我們相信閣下能妥善處理。回覆TD取消
