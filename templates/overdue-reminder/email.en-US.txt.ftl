Dear ${name},

Your <#if product?has_content>${product} </#if>payment of ${amount} was due on ${dueDate} and is now ${daysOverdue} day<#if daysOverdue != 1>s</#if> past due.

You can pay in the ${creditor} app, through online banking, or by calling our official line at ${hotline}. If you are having difficulty, call us to talk about a payment plan or a due-date extension.

We are confident you can take care of this. Thank you.

${creditor}
You received this email about your ${creditor} account. To unsubscribe from these emails, call ${hotline} or use the unsubscribe option in your email app.
