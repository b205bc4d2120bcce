${name}閣下：

閣下於${creditor}的${product}本期還款額為${amount}，到期日為${dueDate}（尚餘${daysToDue}日）。

閣下可透過${creditor}官方App、網上理財，或致電客戶服務熱線${hotline}準時還款。如已安排還款，請忽略此提示。

多謝閣下一直以來的支持。

${creditor} 謹啟
此電郵由系統發出。如不欲再收到此類電郵，請致電${hotline}取消。
