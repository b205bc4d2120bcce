【${creditor}】${name}閣下：今日（${dueDate}）是閣下${product}的還款日，本期還款額${amount}。請透過官方App或致電${hotline}還款，如已還款請忽略此訊息。多謝！回覆TD取消
