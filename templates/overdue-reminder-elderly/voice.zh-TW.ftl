您好，這裡是${creditor}客服中心。請問您是${nameInitials}先生或${nameInitials}小姐本人嗎？是本人請按1。

謝謝您。您的${product}，本期要繳${amount}，繳款截止日是${dueDate}，目前已經過了${daysOverdue}天。不用著急，您可以撥打${hotline}，客服會耐心協助您。需要專人協助請按0，不希望再接到此類來電請按9。祝您身體健康，再見。
