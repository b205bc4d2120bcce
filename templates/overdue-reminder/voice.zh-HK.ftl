你好，呢度係${creditor}客戶服務中心。請問你係咪${nameInitials}先生或者${nameInitials}小姐本人？如果係本人，請按1。

多謝你嘅確認。你嘅${product}還款額係${amount}，到期日係${dueDate}，現已逾期${daysOverdue}日。請透過官方App或者致電${hotline}還款。確認還款時間請按1，申請分期或者延期還款請按2，轉駁職員請按0，唔想再收到呢類來電請按9。我哋相信你可以妥善處理，多謝。
