【${creditor}】${name}閣下：多謝閣下的還款承諾，閣下將於${dueDate}或之前清還${product}${amount}。請準時透過官方App或致電${hotline}還款，如有變動請預早通知。回覆TD取消
