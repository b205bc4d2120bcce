您好，这里是${creditor}客户服务中心。请问您是${nameInitials}姓客户本人吗？是本人请按1。

感谢您的确认。您的${product}欠款${amount}，到期日为${dueDate}，目前已逾期${daysOverdue}天。<#if showConsequences>按合同约定将计收罚息，逾期记录将按规定报送征信系统，可能影响您今后申请贷款和信用卡。</#if>请您尽快通过官方App或致电${hotline}还款。确认还款时间请按1，申请分期或延期请按2，转人工服务请按0，不希望再接到此类来电请按9。谢谢。
