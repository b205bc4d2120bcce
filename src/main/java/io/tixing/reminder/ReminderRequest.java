package io.tixing.reminder;

import java.util.List;

/**
 * {@code POST /api/v1/reminders} body, exactly as PRODUCT.md describes it. Fields are kept as text so
 * that every bad value is reported by name, with a reason, instead of failing the whole parse.
 */
public record ReminderRequest(String requestId, Borrower borrower, Loan loan, String template, List<String> channels,
                              String channelStrategy, String notAfter) {

    public record Borrower(String id, String name, String locale, String timezone, String jurisdiction, String phone,
                           String email, List<String> flags) {}

    public record Loan(String id, String creditor, String product, String amountDue, String currency, String dueDate,
                       Integer daysOverdue, String riskTier, String hotline) {}
}
