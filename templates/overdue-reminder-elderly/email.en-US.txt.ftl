Dear ${name},

Your <#if product?has_content>${product} </#if>payment of ${amount} was due on ${dueDate}, ${daysOverdue} day<#if daysOverdue != 1>s</#if> ago.

There is no need to worry. Call the ${creditor} official line at ${hotline}, and a person will patiently help you step by step. You can also pay in our official app.

Thank you, and take care.

${creditor}
You received this email about your ${creditor} account. To unsubscribe from these emails, call ${hotline} or use the unsubscribe option in your email app.
