您好，这里是${creditor}客户服务中心。请问您是${nameInitials}姓客户本人吗？是本人请按1。

谢谢您。您的${product}，本期要还${amount}，到期日是${dueDate}，已经逾期${daysOverdue}天。<#if showConsequences>逾期记录会按规定报送征信系统，可能影响您的信用。</#if>请您拨打${hotline}，客服会耐心帮您办理还款或分期。需要人工帮助请按0，不希望再接到此类来电请按9。祝您身体健康，再见。
