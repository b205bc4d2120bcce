你好，呢度係${creditor}客戶服務中心。請問你係咪${nameInitials}先生或者${nameInitials}小姐本人？如果係本人，請按1。

多謝你。溫馨提示：你嘅${product}，仲有${daysToDue}日到期，到期日係${dueDate}，今期要還${amount}。如果需要協助，可以致電${hotline}，職員會耐心幫你辦理。需要職員協助請按0，唔想再收到呢類來電請按9。祝你身體健康，再見。
