尊敬的${name}：

您好！您在${creditor}的${product}本期应还金额为${amount}，还款日为${dueDate}（还有${daysToDue}天）。

您可以通过${creditor}官方App、网上银行，或致电官方客服热线${hotline}按时还款。如已安排还款，请忽略本提醒。

感谢您一直以来的信任与支持。

${creditor}
本邮件由系统发送。如不希望再收到此类邮件，请致电${hotline}办理退订。
