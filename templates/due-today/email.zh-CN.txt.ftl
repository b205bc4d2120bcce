尊敬的${name}：

您好！今天（${dueDate}）是您在${creditor}的${product}还款日，本期应还金额为${amount}。

请您通过${creditor}官方App、网上银行，或致电官方客服热线${hotline}完成还款。如已还款，请忽略本提醒。

感谢您的配合，祝您生活愉快！

${creditor}
本邮件由系统发送。如不希望再收到此类邮件，请致电${hotline}办理退订。
