${name}閣下：

閣下於${creditor}的${product}還款額為${amount}，到期日為${dueDate}，現已逾期${daysOverdue}日。

請透過${creditor}官方App、網上理財，或致電客戶服務熱線${hotline}還款。如閣下暫時遇到困難，歡迎致電與我們商討分期或延期還款安排。

我們相信閣下能妥善處理，多謝合作。

${creditor} 謹啟
此電郵由系統發出。如不欲再收到此類電郵，請致電${hotline}取消。
