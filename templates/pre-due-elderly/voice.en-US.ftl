Hello, this is ${creditor} customer service. We are calling for ${nameInitials}, the account holder. If that is you, please press 1.

Thank you. This is a gentle reminder. Your <#if product?has_content>${product} </#if>payment of ${amount} is due in ${daysToDue} day<#if daysToDue != 1>s</#if>, on ${dueDate}. If you would like help, call ${hotline}, and a person will walk you through it. To speak with a person, press 0. To stop these calls, press 9. Thank you, and take care.
