Dear ${name},

This is a friendly reminder that your <#if product?has_content>${product} </#if>payment of ${amount} is due on ${dueDate}, in ${daysToDue} day<#if daysToDue != 1>s</#if>.

You can pay in the ${creditor} app, through online banking, or by calling our official line at ${hotline}. If you have already paid, please disregard this message.

Thank you for banking with us.

${creditor}
You received this email about your ${creditor} account. To unsubscribe from these emails, call ${hotline} or use the unsubscribe option in your email app.
