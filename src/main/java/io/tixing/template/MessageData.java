package io.tixing.template;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The facts a template may show. Formatting (money, dates, name masking) is the catalog's job. */
public record MessageData(String borrowerName, String creditor, String product, BigDecimal amountDue, String currency,
                          LocalDate dueDate, int daysOverdue, String hotline, String loanId) {}
