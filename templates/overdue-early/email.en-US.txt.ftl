Dear ${name},

Your <#if product?has_content>${product} </#if>payment of ${amount} was due on ${dueDate} and is now ${daysOverdue} day<#if daysOverdue != 1>s</#if> late. It may simply have slipped your mind; if you have already paid, please disregard this email.

You can pay in the ${creditor} app, through online banking, or by calling our official line at ${hotline}. If money is tight right now, call us and we can look at a payment plan or an extension together.

We are confident you can take care of this. Thank you for your understanding.

${creditor}
You received this email about your ${creditor} account. To unsubscribe from these emails, call ${hotline} or use the unsubscribe option in your email app.
