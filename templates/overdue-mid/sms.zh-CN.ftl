【${creditor}】尊敬的${name}，您的${product}欠款${amount}（到期日${dueDate}）已逾期${daysOverdue}天。<#if showConsequences>按合同将计收罚息，逾期记录将按规定报送征信系统。</#if>请尽快通过官方App或致电${hotline}还款，如有困难可申请分期。回复TD退订
