package io.tixing.policy;

/** Machine-readable reasons carried by every decision (see COMPLIANCE.md). */
public enum ReasonCode {
    QUIET_HOURS,
    /** The windows of the borrower's known zones never meet: no instant is lawful in all of them. */
    NO_COMMON_WINDOW,
    HOLIDAY,
    CAP_SMS_DAILY,
    CAP_EMAIL_DAILY,
    CAP_TOTAL_DAILY,
    CAP_VOICE_CONVERSATIONS,
    CAP_VOICE_ATTEMPTS,
    COOLDOWN_AFTER_CONVERSATION,
    DUPLICATE,
    OPTED_OUT,
    HOLD_CEASE,
    HOLD_DISPUTE,
    HOLD_BANKRUPTCY,
    HOLD_DECEASED,
    THIRD_PARTY,
    CHANNEL_NOT_ACCESSIBLE,
    CONTACT_POINT_INVALID,
    CONTENT_BLOCKED,
    ZONE_ASSUMED,
    NOT_AFTER_PASSED
}
