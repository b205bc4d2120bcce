Hello, this is ${creditor} customer service. We are calling for ${nameInitials}, the account holder. If that is you, please press 1.

Thank you. Your <#if product?has_content>${product} </#if>payment of ${amount} was due on ${dueDate} and is now ${daysOverdue} day<#if daysOverdue != 1>s</#if> past due. <#if showConsequences>Late payments may be reported to the credit bureaus, which can affect your credit. </#if>Please call ${hotline}, and a person will patiently help you pay or set up a plan. To speak with a person, press 0. To stop these calls, press 9. Thank you, and take care.
