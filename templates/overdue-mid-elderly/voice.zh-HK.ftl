你好，呢度係${creditor}客戶服務中心。請問你係咪${nameInitials}先生或者${nameInitials}小姐本人？如果係本人，請按1。

多謝你。你嘅${product}，今期要還${amount}，到期日係${dueDate}，已經逾期${daysOverdue}日。<#if showConsequences>還款記錄或會提供予信貸資料服務機構，可能影響你嘅信貸評分。</#if>請致電${hotline}，職員會耐心協助你還款或者分期。需要職員協助請按0，唔想再收到呢類來電請按9。祝你身體健康，再見。
