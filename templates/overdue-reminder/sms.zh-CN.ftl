【${creditor}】尊敬的${name}，您的${product}应还款${amount}已于${dueDate}到期，目前逾期${daysOverdue}天。请通过官方App或致电${hotline}还款，如有困难可申请分期。我们相信您能妥善处理。回复TD退订
