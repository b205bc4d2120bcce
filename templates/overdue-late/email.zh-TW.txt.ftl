${name}您好：

您在${creditor}的${product}應繳金額${amount}，繳款截止日為${dueDate}，目前已逾期${daysOverdue}天。您的帳戶現已轉由${creditor}個人金融客戶服務部處理。

<#if showConsequences>依契約約定將計收違約金，逾期紀錄將依規定報送財團法人金融聯合徵信中心，可能影響您日後的信用評分與貸款申請。

</#if>請撥打客服專線${hotline}與專員聯繫，我們願意與您一起商議可行的繳款安排，包括分期繳款。也可透過${creditor}官方App繳款。

${creditor} 敬上
本郵件由系統發送。若不希望再收到此類郵件，請撥打${hotline}辦理取消。
