Hello, this is ${creditor} customer service. We are calling for ${nameInitials}, the account holder. If that is you, please press 1.

Thank you. Your <#if product?has_content>${product} </#if>payment of ${amount} was due on ${dueDate}, ${daysOverdue} day<#if daysOverdue != 1>s</#if> ago. There is no need to worry. Call ${hotline}, and a person will help you step by step. To speak with a person, press 0. To stop these calls, press 9. Thank you, and take care.
