${name}閣下：

閣下於${creditor}的${product}欠款${amount}，到期日為${dueDate}，現已逾期${daysOverdue}日。

<#if showConsequences>根據合約將收取逾期利息，還款記錄或會按規定提供予信貸資料服務機構，可能影響閣下日後的信貸評分及借貸申請。</#if>請盡快透過${creditor}官方App、網上理財，或致電客戶服務熱線${hotline}還款。

如閣下暫時未能全數清還，請致電與我們商討分期或延期還款安排。我們相信閣下能妥善處理。

${creditor} 謹啟
此電郵由系統發出。如不欲再收到此類電郵，請致電${hotline}取消。
