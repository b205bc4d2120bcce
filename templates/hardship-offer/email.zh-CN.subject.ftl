${creditor}：为您提供分期及延期还款方案
