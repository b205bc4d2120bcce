package io.tixing.policy;

/** Over what stretch of time a cap is counted. */
public enum CapPeriod {
    /** The borrower's local calendar day (midnight to midnight in every candidate zone). */
    LOCAL_DAY,
    /** Any rolling seven days (168 hours), e.g. 12 CFR 1006.14(b)(2)(i) "within a period of seven consecutive days". */
    ROLLING_7_DAYS;

    static CapPeriod parse(String text) {
        return switch (text) {
            case "local-day" -> LOCAL_DAY;
            case "rolling-7-days" -> ROLLING_7_DAYS;
            default -> throw new IllegalArgumentException("unknown cap period '" + text + "' (local-day | rolling-7-days)");
        };
    }
}
