Hello, this is ${creditor} customer service with a message for the person we are trying to reach. Please call us back at ${hotline} at your convenience. Thank you.
