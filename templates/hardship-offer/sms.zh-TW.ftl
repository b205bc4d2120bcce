${creditor}關心您：${name}您好，了解您近期可能遇到經濟困難，您的${product}待繳${amount}（繳款截止日${dueDate}）可申請分期或延後繳款。請撥打${hotline}或於官方App申請，我們會盡力協助。<#if showConsequences>依約將計收違約金，逾期紀錄將依規定報送聯徵中心。</#if>回覆TD取消
