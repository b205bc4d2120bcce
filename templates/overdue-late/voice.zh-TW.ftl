您好，這裡是${creditor}客服中心。請問您是${nameInitials}先生或${nameInitials}小姐本人嗎？是本人請按1。

謝謝您的確認。您的${product}應繳${amount}，繳款截止日為${dueDate}，目前已逾期${daysOverdue}天，現由${creditor}個人金融客戶服務部處理。<#if showConsequences>依契約約定將計收違約金，逾期紀錄將依規定報送財團法人金融聯合徵信中心，可能影響您日後的信用評分與貸款申請。</#if>請撥打${hotline}與專員商議繳款安排。確認繳款時間請按1，洽詢分期或延後繳款請按2，轉接專人請按0，不希望再接到此類來電請按9。謝謝。
