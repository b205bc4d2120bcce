Dear ${name},

Your <#if product?has_content>${product} </#if>payment of ${amount}, due on ${dueDate}, is now ${daysOverdue} day<#if daysOverdue != 1>s</#if> past due. Your account is now handled by the ${creditor} Customer Assistance Department.

<#if showConsequences>Late fees may apply under your agreement, and late payments may be reported to the credit bureaus, which can affect your credit score. 

</#if>Please call our official line at ${hotline} to speak with a specialist. We are ready to work out a plan with you, including installments. You can also pay in the ${creditor} app.

${creditor}
You received this email about your ${creditor} account. To unsubscribe from these emails, call ${hotline} or use the unsubscribe option in your email app.
