【${creditor}】${name}閣下：閣下的${product}還款額${amount}已於${dueDate}到期，現已逾期${daysOverdue}日。請透過官方App或致電熱線${hotline}還款，如有困難可申請分期。我們相信閣下能妥善處理。回覆TD取消
