【${creditor}】${name}閣下：明白閣下近期或有財務困難，閣下的${product}待還${amount}（到期日${dueDate}）可申請分期或延期還款。請致電${hotline}或透過官方App申請，我們會盡力協助。<#if showConsequences>根據合約將收取逾期利息，還款記錄或會提供予信貸資料服務機構。</#if>回覆TD取消
