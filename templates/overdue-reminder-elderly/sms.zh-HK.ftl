【${creditor}】${name}你好，你的${product}今期${amount}於${dueDate}到期，已過了${daysOverdue}日。唔使心急，請致電${hotline}，職員會耐心協助你還款。祝你身體健康！回覆TD取消
