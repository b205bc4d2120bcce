package io.tixing.reminder;

import java.util.Set;

/** The closed set of reminder lifecycle states (PRODUCT.md). */
public enum ReminderStatus {
    QUEUED, DEFERRED, SENDING, SENT, DELIVERED, FAILED, SUPPRESSED, EXPIRED, CANCELLED;

    public static final Set<ReminderStatus> FINAL = Set.of(SENT, DELIVERED, FAILED, SUPPRESSED, EXPIRED, CANCELLED);

    public boolean isFinal() { return FINAL.contains(this); }
}
