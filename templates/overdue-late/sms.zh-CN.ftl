【${creditor}】尊敬的${name}，您的${product}欠款${amount}（到期日${dueDate}）已逾期${daysOverdue}天，现转由${creditor}个人贷款客户服务部跟进。<#if showConsequences>按合同将计收罚息，逾期记录将按规定报送征信系统。</#if>请致电${hotline}与专员商定还款安排。回复TD退订
