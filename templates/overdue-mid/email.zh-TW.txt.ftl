${name}您好：

您在${creditor}的${product}應繳金額${amount}，繳款截止日為${dueDate}，目前已逾期${daysOverdue}天。

<#if showConsequences>依契約約定將計收違約金，逾期紀錄將依規定報送財團法人金融聯合徵信中心，可能影響您日後的信用評分與貸款申請。</#if>請您儘快透過${creditor}官方App、網路銀行，或撥打客服專線${hotline}繳款。

若您暫時無法全額繳清，請來電與我們討論分期或延後繳款方案。相信您能妥善處理。

${creditor} 敬上
本郵件由系統發送。若不希望再收到此類郵件，請撥打${hotline}辦理取消。
