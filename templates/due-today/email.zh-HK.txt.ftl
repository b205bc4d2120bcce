${name}閣下：

今日（${dueDate}）是閣下於${creditor}的${product}還款日，本期還款額為${amount}。

請透過${creditor}官方App、網上理財，或致電客戶服務熱線${hotline}完成還款。如已還款，請忽略此提示。

多謝閣下合作。

${creditor} 謹啟
此電郵由系統發出。如不欲再收到此類電郵，請致電${hotline}取消。
