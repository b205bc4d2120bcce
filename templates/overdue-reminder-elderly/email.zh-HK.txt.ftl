${name}閣下：

閣下的${product}今期還款額為${amount}，到期日為${dueDate}，現已過了${daysOverdue}日。

毋須心急。閣下可致電${creditor}客戶服務熱線${hotline}，職員會一步一步耐心協助閣下還款；亦可使用官方App還款。

祝閣下身體健康，生活愉快！

${creditor} 謹啟
此電郵由系統發出。如不欲再收到此類電郵，請致電${hotline}取消。
