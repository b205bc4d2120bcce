您好，这里是${creditor}客户服务中心。请问您是${nameInitials}姓客户本人吗？是本人请按1。

谢谢您。您的${product}，本期要还${amount}，到期日是${dueDate}，现在已经过了${daysOverdue}天。不用着急，您可以拨打${hotline}，客服会一步一步帮您办理。需要人工帮助请按0，不希望再接到此类来电请按9。祝您身体健康，再见。
