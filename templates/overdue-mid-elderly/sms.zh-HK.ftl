【${creditor}】${name}你好，你的${product}今期${amount}於${dueDate}到期，已逾期${daysOverdue}日。<#if showConsequences>還款記錄或會提供予信貸資料服務機構，</#if>請致電${hotline}，職員會耐心協助你還款或分期。回覆TD取消
