${creditor}: a gentle note about your <#if product?has_content>${product}<#else>loan</#if>
