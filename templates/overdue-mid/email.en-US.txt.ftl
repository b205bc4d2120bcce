Dear ${name},

Your <#if product?has_content>${product} </#if>payment of ${amount}, due on ${dueDate}, is now ${daysOverdue} day<#if daysOverdue != 1>s</#if> past due.

<#if showConsequences>Late fees may apply under your agreement, and late payments may be reported to the credit bureaus, which can affect your credit score. </#if>Please pay in the ${creditor} app, through online banking, or by calling our official line at ${hotline}.

If you cannot pay the full amount right now, call us to set up a payment plan or an extension. We are confident you can resolve this.

${creditor}
You received this email about your ${creditor} account. To unsubscribe from these emails, call ${hotline} or use the unsubscribe option in your email app.
