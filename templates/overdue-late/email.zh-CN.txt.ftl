尊敬的${name}：

您在${creditor}的${product}欠款${amount}，到期日为${dueDate}，目前已逾期${daysOverdue}天。您的账户现已转由${creditor}个人贷款客户服务部跟进。

<#if showConsequences>按合同约定将计收罚息，逾期记录将按规定报送征信系统，可能影响您今后申请贷款和信用卡。

</#if>请您致电官方客服热线${hotline}与专员联系，我们愿意与您一起商定可行的还款安排，包括分期还款。也可通过${creditor}官方App还款。

${creditor}
本邮件由系统发送。如不希望再收到此类邮件，请致电${hotline}办理退订。
