package io.tixing.template;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The facts a template may show. Formatting (money, dates, name masking) is the catalog's job.
 *
 * @param toGuarantor the message goes to the loan's guarantor (TW pack), not the borrower: reminder stages then use
 *                    the guarantor's own wording, which speaks about the borrower's debt
 */
public record MessageData(String borrowerName, String creditor, String product, BigDecimal amountDue, String currency,
                          LocalDate dueDate, int daysOverdue, String hotline, String loanId, boolean toGuarantor) {

    /** A message to the borrower. */
    public MessageData(String borrowerName, String creditor, String product, BigDecimal amountDue, String currency,
                       LocalDate dueDate, int daysOverdue, String hotline, String loanId) {
        this(borrowerName, creditor, product, amountDue, currency, dueDate, daysOverdue, hotline, loanId, false);
    }
}
