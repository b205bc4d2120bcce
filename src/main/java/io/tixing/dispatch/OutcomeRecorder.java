package io.tixing.dispatch;

import io.tixing.borrower.ConsentLedger;
import io.tixing.channel.SendResult;
import io.tixing.contactlog.ContactLogWriter;
import io.tixing.contactlog.LogEntry;
import io.tixing.db.Sql;
import io.tixing.reminder.ReminderStatus;
import io.tixing.security.Masking;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import io.tixing.channel.twilio.Backoff;

/** Records a provider's answer: attempt row, contact-log entry, consent / contact-point side effects, next step. */
@ApplicationScoped
class OutcomeRecorder {

    private final Clock clock;
    private final ContactLogWriter log;
    private final TaskProgress progress;
    private final DispatchConfig config;
    private final Backoff backoff;
    private final io.tixing.borrower.Reachability reachability;
    private final ConsentLedger consents;
    private final io.tixing.borrower.BorrowerRepository borrowers;

    OutcomeRecorder(Clock clock, ContactLogWriter log, TaskProgress progress, DispatchConfig config,
                    io.tixing.borrower.Reachability reachability, ConsentLedger consents,
                    io.tixing.borrower.BorrowerRepository borrowers) {
        this.clock = clock;
        this.log = log;
        this.progress = progress;
        this.config = config;
        this.reachability = reachability;
        this.consents = consents;
        this.borrowers = borrowers;
        this.backoff = new Backoff(config.retryBaseDelay(), config.retryMaxDelay(), Math.max(1, config.maxRetries()), new java.util.Random());
    }

    void record(Connection c, Step.Send send, SendResult result) throws SQLException {
        Instant now = clock.instant();
        var task = send.task();
        var m = send.message();
        // Lock the task row first: a worker resolving this attempt after a lost lease serialises with us here.
        Sql.execute(c, "SELECT 1 FROM dispatch_task WHERE id = ? FOR UPDATE", task.id());
        String status = switch (result) {
            case SendResult.Accepted a -> "SENT";
            case SendResult.Rejected r -> "FAILED";
            case SendResult.RetryLater r -> "RETRY";
            case SendResult.Unknown u -> "UNKNOWN";
        };
        String providerId = result instanceof SendResult.Accepted a ? a.providerId() : null;
        String errorCode = switch (result) {
            case SendResult.Accepted a -> null;
            case SendResult.Rejected r -> r.errorCode();
            case SendResult.RetryLater r -> r.errorCode();
            case SendResult.Unknown u -> u.errorCode();
        };
        String detail = switch (result) {
            case SendResult.Accepted a -> "provider status " + a.status();
            case SendResult.Rejected r -> r.failure() + ": " + r.detail();
            case SendResult.RetryLater r -> r.detail();
            case SendResult.Unknown u -> u.detail() + " (outcome unknown: not resent)";
        };
        int changed = Sql.update(c, """
                UPDATE attempt SET status = ?, provider_id = ?, error_code = ?, detail = ?, updated_at = ?
                WHERE id = ? AND status = 'SENDING'""", status, providerId, errorCode, detail, now, m.attemptId());
        if (changed == 0) return; // already resolved by a worker that took over the lease
        log.append(c, LogEntry.of(LogEntry.Kind.ATTEMPT, now).borrowerClock(send.zone())
                .borrower(m.borrowerId()).loan(send.loanId()).reminder(m.reminderId()).attempt(m.attemptId())
                .channel(m.channel().name()).destinationMasked(Masking.destination(m.destination()))
                .template(m.message().templateKey(), m.message().templateVersion()).contentHash(m.message().contentHash())
                .rulePack(send.rulePack()).providerId(providerId).outcome(status).detail(errorCode == null ? detail : errorCode + " " + detail)
                .actor("dispatcher").build());
        switch (result) {
            case SendResult.Accepted a -> progress.finish(c, task, ReminderStatus.SENT, now);
            case SendResult.Rejected r -> {
                if (r.failure() == SendResult.Failure.INVALID_CONTACT_POINT) borrowers.markInvalid(c, m.borrowerId(), m.channel().name(), m.destination(), r.errorCode(), now);
                if (r.failure() == SendResult.Failure.OPTED_OUT) {
                    consents.restrict(c, m.borrowerId(), "OPT_OUT", m.channel().name(), null, ConsentLedger.Source.PROVIDER,
                            "provider", "provider reports the recipient unsubscribed (" + r.errorCode() + ")");
                }
                progress.failOver(c, task, ReminderStatus.FAILED, now);
                reachability.check(c, m.borrowerId(), now);
            }
            case SendResult.Unknown u -> progress.finish(c, task, ReminderStatus.FAILED, now); // at most once: never resent
            case SendResult.RetryLater r -> {
                if (task.retries() < config.maxRetries()) {
                    progress.defer(c, task, now.plus(retryDelay(task.retries(), r.retryAfter())), task.channelIndex(), task.retries() + 1, now);
                } else {
                    Sql.update(c, "UPDATE attempt SET status = 'FAILED' WHERE id = ?", m.attemptId()); // the last try is a failure
                    progress.failOver(c, task, ReminderStatus.FAILED, now);
                    reachability.check(c, m.borrowerId(), now);
                }
            }
        }
    }

    /** Exponential backoff with full jitter (shared with the adapters), never sooner than the provider asked. */
    java.time.Duration retryDelay(int retries, java.time.Duration providerHint) {
        var wait = backoff.delay(retries + 1);
        return providerHint != null && providerHint.compareTo(wait) > 0 ? providerHint : wait;
    }
}
