${creditor}提醒您：${name}您好，您的${product}本期${amount}在${dueDate}到期，已逾期${daysOverdue}天。<#if showConsequences>逾期紀錄會依規定報送聯徵中心，</#if>請撥${hotline}，客服會耐心協助您繳款或辦理分期。回覆TD取消
