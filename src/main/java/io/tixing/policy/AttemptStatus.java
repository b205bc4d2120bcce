package io.tixing.policy;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where one hand-off to a provider stands (the {@code attempt.status} column, mirrored by a CHECK constraint).
 * It lives with the policy because "did this contact happen?" is what the caps count.
 */
public enum AttemptStatus {
    /** Recorded before the provider is called; a crash leaves it to be looked up, never resent blindly. */
    SENDING,
    SENT,
    DELIVERED,
    UNDELIVERED,
    FAILED,
    /** The provider asked us to come back later (429, 5xx, timeout); the task retries. */
    RETRY,
    /** The provider may or may not have it and cannot say: never resent. */
    UNKNOWN,
    /** Interrupted before the provider received it (confirmed by a lookup): decided afresh. */
    NOT_SENT;

    private static final Set<AttemptStatus> COUNTED = EnumSet.of(SENDING, SENT, DELIVERED, UNDELIVERED, UNKNOWN);
    private static final Set<AttemptStatus> FINAL = EnumSet.of(DELIVERED, UNDELIVERED, FAILED);

    /** The contact happened or may have happened: it counts against caps and duplicate windows. */
    public boolean counts() { return COUNTED.contains(this); }

    /** A carrier's last word: a later (or replayed) callback never overwrites it. */
    public boolean isFinal() { return FINAL.contains(this); }

    public static Set<AttemptStatus> counted() { return EnumSet.copyOf(COUNTED); }

    /**
     * The provider's last word is that nothing arrived or nobody picked up. A voice call that rang out, was busy or was
     * canceled is reported UNDELIVERED by the status webhook; there is no separate no-answer status.
     */
    public static Set<AttemptStatus> unanswered() { return EnumSet.of(UNDELIVERED, FAILED); }
}
