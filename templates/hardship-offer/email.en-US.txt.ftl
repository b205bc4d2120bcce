Dear ${name},

We understand you may be going through a difficult time. Your <#if product?has_content>${product} </#if>balance with ${creditor} is ${amount}, due on ${dueDate}.

To help, you can apply for:
1. An installment plan that splits the balance into smaller monthly payments;
2. A payment deferral that moves your due date, if you qualify.

Call our official line at ${hotline} or apply in the ${creditor} app, and a specialist will work out the right option with you.

<#if showConsequences>Late fees may apply under your agreement, and late payments may be reported to the credit bureaus, which can affect your credit score. 

</#if>We are confident we can find a way through this together.

${creditor}
You received this email about your ${creditor} account. To unsubscribe from these emails, call ${hotline} or use the unsubscribe option in your email app.
