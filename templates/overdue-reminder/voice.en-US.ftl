Hello, this is ${creditor} customer service. We are calling for ${nameInitials}, the account holder. If that is you, please press 1.

Thank you for confirming. Your <#if product?has_content>${product} </#if>payment of ${amount} was due on ${dueDate} and is now ${daysOverdue} day<#if daysOverdue != 1>s</#if> past due. Please pay in our official app or call ${hotline}. To tell us when you will pay, press 1. For a payment plan or extension, press 2. To speak with an agent, press 0. To stop these calls, press 9. Thank you.
