【${creditor}】${name}閣下：閣下的${product}欠款${amount}（到期日${dueDate}）已逾期${daysOverdue}日。<#if showConsequences>根據合約將收取逾期利息，還款記錄或會提供予信貸資料服務機構。</#if>請盡快透過官方App或致電${hotline}還款，如有困難可申請分期。回覆TD取消
