${creditor}: your account is ${daysOverdue} day<#if daysOverdue != 1>s</#if> past due
