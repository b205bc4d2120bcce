${creditor}：為您提供分期及延後繳款方案
