【${creditor}】${name}你好，溫馨提示：你的${product}仲有${daysToDue}日到期（${dueDate}），今期要還${amount}。如需協助請致電${hotline}，職員會耐心為你辦理。祝你身體健康！回覆TD取消
