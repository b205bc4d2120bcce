package io.tixing.policy;

/** What dial attempts are counted against. */
public enum AttemptScope {
    /** Per phone number dialled (CN: ≤ 6 per contact point per day). */
    CONTACT_POINT,
    /** Per debt (US: ≤ 7 per debt in any rolling 7 days). */
    LOAN;

    static AttemptScope parse(String text) {
        return switch (text) {
            case "contact-point" -> CONTACT_POINT;
            case "loan" -> LOAN;
            default -> throw new IllegalArgumentException("unknown attempt scope '" + text + "' (contact-point | loan)");
        };
    }
}
