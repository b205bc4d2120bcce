【${creditor}】尊敬的${name}，感谢您的还款承诺：您将于${dueDate}前归还${product}${amount}。请按时通过官方App或致电${hotline}还款，如有变化请提前告知。回复TD退订
