package io.tixing.reminder;

import io.tixing.policy.BorrowerFlag;
import io.tixing.template.MessageData;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/v1/reminders} body, exactly as PRODUCT.md describes it. Fields are kept as text so
 * that every bad value is reported by name, with a reason, instead of failing the whole parse.
 */
public record ReminderRequest(String requestId, Borrower borrower, Loan loan, String template, List<String> channels,
                              String channelStrategy, String notAfter, String recipientRelation) {

    /** Who the contact points belong to. Anyone but the borrower (a guarantor only where the pack allows) is a third party. */
    public static final java.util.Set<String> RELATIONS = java.util.Set.of("SELF", "GUARANTOR", "RELATIVE", "EMPLOYER",
            "EMERGENCY_CONTACT", "OTHER");

    /** A request to the borrower themself (waves and cadences build these). */
    public ReminderRequest(String requestId, Borrower borrower, Loan loan, String template, List<String> channels,
                           String channelStrategy, String notAfter) {
        this(requestId, borrower, loan, template, channels, channelStrategy, notAfter, null);
    }

    /** COMPLIANCE.md: the gateway contacts only the borrower's own contact points (TW also a guarantor). */
    public boolean thirdPartyUnder(String pack) {
        if (recipientRelation == null || recipientRelation.equals("SELF")) return false;
        return !(recipientRelation.equals("GUARANTOR") && pack.equals("TW"));
    }

    /** The borrower's flags as the policy knows them (validated at intake). */
    public Set<BorrowerFlag> borrowerFlags() {
        return BorrowerFlag.of(borrower.flags());
    }

    /** What the templates may show, parsed from the validated request (daysOverdue already derived at intake). */
    public MessageData messageData() {
        return new MessageData(borrower.name(), loan.creditor(), loan.product(), new BigDecimal(loan.amountDue()), loan.currency(),
                LocalDate.parse(loan.dueDate()), loan.daysOverdue(), loan.hotline(), loan.id(), "GUARANTOR".equals(recipientRelation));
    }

    public record Borrower(String id, String name, String locale, String timezone, String jurisdiction, String phone,
                           String email, List<String> flags) {}

    /**
     * @param amountDue   decimal text, greater than 0
     * @param daysOverdue optional (negative before the due date): must agree with {@code dueDate} in the borrower's zone
     *                    within a day; left out, intake derives it ({@link ReminderValidator#withDerivedDaysOverdue})
     */
    public record Loan(String id, String creditor, String product, String amountDue, String currency, String dueDate,
                       Integer daysOverdue, String riskTier, String hotline) {}
}
