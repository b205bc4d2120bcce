【${creditor}】尊敬的${name}，了解到您近期可能遇到经济困难，您的${product}待还${amount}（到期日${dueDate}）可申请分期或延期还款。请致电${hotline}或在官方App申请，我们会尽力协助您。<#if showConsequences>按合同将计收罚息，逾期记录将按规定报送征信系统。</#if>回复TD退订
