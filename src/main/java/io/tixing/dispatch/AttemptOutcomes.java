package io.tixing.dispatch;

import io.tixing.borrower.BorrowerRepository;
import io.tixing.borrower.ConsentLedger;
import io.tixing.borrower.Reachability;
import io.tixing.channel.ProviderLookup;
import io.tixing.channel.SendResult;
import io.tixing.channel.twilio.Backoff;
import io.tixing.policy.AttemptStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * What a provider's answer means, said once for every place one arrives: a send's result (the batched recorder), a
 * lookup after a crash (the leftover resolver) and a delivery-status callback (the webhook). Each answer becomes an
 * {@link Outcome} value — the attempt's status, what the task does next, and what it says about the contact point or
 * the borrower's consent — and {@link #applyConsequences} carries out the latter the same way for all three.
 */
@ApplicationScoped
public class AttemptOutcomes {

    /** What the task does after the answer. */
    public enum Next {
        /** The provider has it: the task ends SENT. */
        SENT,
        /** Transient: the same channel again after {@link Outcome#retryAfter()}. */
        RETRY,
        /** This channel failed: FIRST_ALLOWED goes on with the next channel now, else the task ends FAILED. */
        FAIL_OVER,
        /** The outcome cannot be known: the task ends FAILED and is never resent (at most once). */
        END_UNKNOWN,
        /** The provider never got it (lost in a crash, or never handed over): decide the task afresh, no retry spent. */
        DECIDE_AGAIN,
        /** Nothing moves (a delivery confirmation). */
        NONE
    }

    /** The error code of a send the pipeline did not hand over (see {@code DispatchPipeline}): not a retry. */
    static final String NOT_HANDED_OVER = "LEASE_RUNNING_OUT";

    /** What the answer says beyond this attempt. */
    public enum Consequence { NONE, CONTACT_POINT_INVALID, PROVIDER_OPT_OUT }

    /**
     * @param checkReachability a failure that may complete a streak (or the last valid contact point): ask
     *                          {@link Reachability} whether the lender must now be told the borrower is unreachable
     */
    public record Outcome(AttemptStatus status, String providerId, String errorCode, String detail, Next next, Duration retryAfter,
                          Consequence consequence, boolean checkReachability) {}

    /** Provider status words that are final, and the attempt status each means. */
    private static final Map<String, AttemptStatus> FINAL_STATUS = Map.ofEntries(
            Map.entry("delivered", AttemptStatus.DELIVERED), Map.entry("completed", AttemptStatus.DELIVERED),
            Map.entry("undelivered", AttemptStatus.UNDELIVERED), Map.entry("busy", AttemptStatus.UNDELIVERED),
            Map.entry("no-answer", AttemptStatus.UNDELIVERED), Map.entry("canceled", AttemptStatus.UNDELIVERED),
            Map.entry("failed", AttemptStatus.FAILED));
    /** Carrier error codes saying the number cannot take messages (unreachable, unknown, landline): stop using it. */
    private static final Set<String> INVALID_NUMBER = Set.of("30003", "30005", "30006", "21211", "21614",
            "MOBILE_NOT_ON_SERVICE", "MOBILE_NUMBER_ILLEGAL", "isv.MOBILE_NUMBER_ILLEGAL"); // last three: Alibaba Cloud receipts
    /** Twilio: the recipient replied STOP to the sender. */
    private static final String UNSUBSCRIBED = "21610";

    private final DispatchConfig config;
    private final Backoff backoff;
    private final BorrowerRepository borrowers;
    private final ConsentLedger consents;
    private final Reachability reachability;

    AttemptOutcomes(DispatchConfig config, BorrowerRepository borrowers, ConsentLedger consents, Reachability reachability) {
        this.config = config;
        this.borrowers = borrowers;
        this.consents = consents;
        this.reachability = reachability;
        this.backoff = new Backoff(config.retryBaseDelay(), config.retryMaxDelay(), Math.max(1, config.maxRetries()), new Random());
    }

    /** A send's result, for a task that has already been retried {@code retries} times on this channel. */
    public Outcome ofSend(SendResult result, int retries) {
        Outcome o = meaningOf(result, retries);
        return new Outcome(o.status(), o.providerId(), o.errorCode(), routed(result, o.detail()), o.next(), o.retryAfter(),
                o.consequence(), o.checkReachability());
    }

    /** Which provider answered, and what the first one said when the SMS channel failed over: both go into the log. */
    private static String routed(SendResult result, String detail) {
        String via = result.provider() == null ? "" : " [via " + result.provider() + "]";
        String failover = result.failover() == null ? "" : " [failover: " + result.failover() + "]";
        return detail + via + failover;
    }

    private Outcome meaningOf(SendResult result, int retries) {
        return switch (result) {
            case SendResult.Accepted a -> new Outcome(AttemptStatus.SENT, a.providerId(), null, "provider status " + a.status(),
                    Next.SENT, null, Consequence.NONE, false);
            case SendResult.Rejected r -> new Outcome(AttemptStatus.FAILED, null, r.errorCode(), r.failure() + ": " + r.detail(),
                    Next.FAIL_OVER, null, switch (r.failure()) {
                        case INVALID_CONTACT_POINT -> Consequence.CONTACT_POINT_INVALID;
                        case OPTED_OUT -> Consequence.PROVIDER_OPT_OUT;
                        case PERMANENT -> Consequence.NONE;
                    }, true);
            // Not a provider's answer: the gateway kept the message back (its lease was running out), so nobody has it and
            // no retry was spent; the task is decided again at once, by whichever round claims it.
            case SendResult.RetryLater r when NOT_HANDED_OVER.equals(r.errorCode()) -> new Outcome(AttemptStatus.NOT_SENT, null,
                    r.errorCode(), r.detail(), Next.DECIDE_AGAIN, null, Consequence.NONE, false);
            case SendResult.RetryLater r -> retries < config.maxRetries()
                    ? new Outcome(AttemptStatus.RETRY, null, r.errorCode(), r.detail(), Next.RETRY, retryDelay(retries, r.retryAfter()),
                            Consequence.NONE, false)
                    // the last try is a failure of the channel
                    : new Outcome(AttemptStatus.FAILED, null, r.errorCode(), r.detail() + " (retries exhausted)", Next.FAIL_OVER, null,
                            Consequence.NONE, true);
            case SendResult.Unknown u -> new Outcome(AttemptStatus.UNKNOWN, null, u.errorCode(),
                    u.detail() + " (outcome unknown: not resent)", Next.END_UNKNOWN, null, Consequence.NONE, false);
        };
    }

    /** The provider's answer about an attempt a dead worker left SENDING. */
    public Outcome ofLookup(ProviderLookup answer) {
        return switch (answer) {
            case ProviderLookup.Found f -> new Outcome(AttemptStatus.SENT, f.providerId(), null, "recovered after an interrupted dispatch",
                    Next.SENT, null, Consequence.NONE, false);
            case ProviderLookup.NotFound n -> new Outcome(AttemptStatus.NOT_SENT, null, null, "interrupted before the provider received it",
                    Next.DECIDE_AGAIN, null, Consequence.NONE, false);
            case ProviderLookup.Unknown u -> new Outcome(AttemptStatus.UNKNOWN, null, "OUTCOME_UNKNOWN", u.why(), Next.END_UNKNOWN, null,
                    Consequence.NONE, false);
        };
    }

    /**
     * A delivery-status callback; null while the status is not final (queued, sent, ringing…). A failure after the task
     * ended SENT fails over like a rejected send: a message the network could not deliver is as good as not sent.
     */
    public Outcome ofProviderStatus(String providerStatus, String errorCode) {
        AttemptStatus status = FINAL_STATUS.get(providerStatus == null ? "" : providerStatus.toLowerCase());
        if (status == null) return null;
        if (status == AttemptStatus.DELIVERED) return new Outcome(status, null, null, null, Next.NONE, null, Consequence.NONE, false);
        String code = errorCode == null || errorCode.isBlank()
                ? (status == AttemptStatus.UNDELIVERED ? providerStatus.toUpperCase() : null) : errorCode;
        Consequence consequence = code != null && INVALID_NUMBER.contains(code) ? Consequence.CONTACT_POINT_INVALID
                : UNSUBSCRIBED.equals(code) ? Consequence.PROVIDER_OPT_OUT : Consequence.NONE;
        return new Outcome(status, null, code, null, Next.FAIL_OVER, null, consequence, true);
    }

    /**
     * Carries out what the outcome says about the contact point or consent, and asks about reachability.
     *
     * @param providerAt when the provider says it happened (a callback's timestamp), or null for now
     * @param note       what the consent ledger records as the provider's word
     */
    public void applyConsequences(Connection c, Outcome o, String borrowerId, String channel, String destination, Instant providerAt,
                                  String note, Instant now) throws SQLException {
        switch (o.consequence()) {
            case CONTACT_POINT_INVALID -> borrowers.markInvalid(c, borrowerId, channel, destination, o.errorCode(), now);
            case PROVIDER_OPT_OUT -> consents.restrictAsOf(c, borrowerId, "OPT_OUT", channel, null, ConsentLedger.Source.PROVIDER,
                    "provider", note, providerAt);
            case NONE -> { }
        }
        if (o.checkReachability()) reachability.check(c, borrowerId, now);
    }

    /** Exponential backoff with full jitter (shared with the adapters), never sooner than the provider asked. */
    Duration retryDelay(int retries, Duration providerHint) {
        var wait = backoff.delay(retries + 1);
        return providerHint != null && providerHint.compareTo(wait) > 0 ? providerHint : wait;
    }
}
