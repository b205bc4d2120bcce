${name}閣下：

閣下於${creditor}的${product}欠款${amount}，到期日為${dueDate}，現已逾期${daysOverdue}日。閣下的戶口現已轉交${creditor}個人信貸客戶服務部跟進。

<#if showConsequences>根據合約將收取逾期利息，還款記錄或會按規定提供予信貸資料服務機構，可能影響閣下日後的信貸評分及借貸申請。

</#if>請致電客戶服務熱線${hotline}與專員聯絡，我們樂意與閣下商討可行的還款安排，包括分期還款。閣下亦可透過${creditor}官方App還款。

${creditor} 謹啟
此電郵由系統發出。如不欲再收到此類電郵，請致電${hotline}取消。
