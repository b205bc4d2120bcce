您好，這裡是${creditor}客服中心。請問您是${nameInitials}先生或${nameInitials}小姐本人嗎？是本人請按1。

謝謝您的確認。您的${product}應繳金額${amount}，繳款截止日為${dueDate}，目前已逾期${daysOverdue}天。請透過官方App或撥打${hotline}繳款。確認繳款時間請按1，洽詢分期或延後繳款請按2，轉接專人請按0，不希望再接到此類來電請按9。相信您能妥善處理，謝謝。
