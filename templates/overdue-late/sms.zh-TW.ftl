${creditor}通知：${name}您好，您的${product}應繳${amount}（繳款截止日${dueDate}）已逾期${daysOverdue}天，現轉由${creditor}個人金融客戶服務部處理。<#if showConsequences>依約將計收違約金，逾期紀錄將依規定報送聯徵中心。</#if>請撥打${hotline}與專員商議繳款安排。回覆TD取消
