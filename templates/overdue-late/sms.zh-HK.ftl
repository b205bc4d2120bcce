【${creditor}】${name}閣下：閣下的${product}欠款${amount}（到期日${dueDate}）已逾期${daysOverdue}日，現轉交${creditor}個人信貸客戶服務部跟進。<#if showConsequences>根據合約將收取逾期利息，還款記錄或會提供予信貸資料服務機構。</#if>請致電${hotline}與專員商討還款安排。回覆TD取消
