【${creditor}】${name}您好，您的${product}本期${amount}在${dueDate}到期，已逾期${daysOverdue}天。<#if showConsequences>逾期记录会按规定报送征信系统，</#if>请您拨打${hotline}，客服会耐心帮您办理还款或分期。回复TD退订
