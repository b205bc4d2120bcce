尊敬的${name}：

您好！您在${creditor}的${product}应还款金额为${amount}，到期日为${dueDate}，目前已逾期${daysOverdue}天。

请您通过${creditor}官方App、网上银行，或致电官方客服热线${hotline}办理还款。如您暂时遇到困难，欢迎致电与我们商量分期或延期方案。

我们相信您能妥善处理，感谢您的配合。

${creditor}
本邮件由系统发送。如不希望再收到此类邮件，请致电${hotline}办理退订。
