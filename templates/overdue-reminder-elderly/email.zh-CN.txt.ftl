尊敬的${name}：

您好！您的${product}本期要还${amount}，到期日是${dueDate}，现在已经过了${daysOverdue}天。

不用着急。您可以拨打${creditor}官方客服热线${hotline}，客服会一步一步耐心帮您办理还款；也可以使用官方App还款。

祝您身体健康，生活愉快！

${creditor}
本邮件由系统发送。如不希望再收到此类邮件，请致电${hotline}办理退订。
