${creditor}通知：${name}您好，您的${product}應繳${amount}（繳款截止日${dueDate}）已逾期${daysOverdue}天。<#if showConsequences>依約將計收違約金，逾期紀錄將依規定報送聯徵中心。</#if>請儘快透過官方App或撥打${hotline}繳款，如有困難可洽詢分期。回覆TD取消
