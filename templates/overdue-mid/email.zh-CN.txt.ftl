尊敬的${name}：

您在${creditor}的${product}欠款${amount}，到期日为${dueDate}，目前已逾期${daysOverdue}天。

<#if showConsequences>按合同约定将计收罚息，逾期记录将按规定报送征信系统，可能影响您今后申请贷款和信用卡。</#if>请您尽快通过${creditor}官方App、网上银行，或致电官方客服热线${hotline}还款。

如您暂时无法全额还款，请致电与我们商量分期或延期方案。我们相信您能妥善处理。

${creditor}
本邮件由系统发送。如不希望再收到此类邮件，请致电${hotline}办理退订。
