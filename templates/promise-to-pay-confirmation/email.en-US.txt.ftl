Dear ${name},

Thank you for talking with us. We have noted your promise to pay ${amount} toward your <#if product?has_content>${product}<#else>loan</#if> by ${dueDate}.

You can pay in the ${creditor} app, through online banking, or by calling our official line at ${hotline}. If your plans change, please let us know in advance.

Thank you for working with us.

${creditor}
You received this email about your ${creditor} account. To unsubscribe from these emails, call ${hotline} or use the unsubscribe option in your email app.
