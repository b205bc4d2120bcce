${creditor}: Hi ${name}, your ${product} payment of ${amount} is due today, ${dueDate}. Pay in our official app or call ${hotline}. If you have already paid, thank you! Reply STOP to opt out.
