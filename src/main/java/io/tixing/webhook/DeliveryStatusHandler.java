package io.tixing.webhook;

import io.tixing.contactlog.ContactLogWriter;
import io.tixing.contactlog.LogEntry;
import io.tixing.db.Database;
import io.tixing.dispatch.AttemptOutcomes;
import io.tixing.dispatch.AttemptRepository;
import io.tixing.dispatch.TaskRepository;
import io.tixing.policy.AttemptStatus;
import io.tixing.reminder.ReminderRepository;
import io.tixing.reminder.ReminderStatus;
import io.tixing.security.Masking;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Twilio status callbacks (SMS and calls) move an attempt to DELIVERED, UNDELIVERED or FAILED with the error code.
 * Callbacks arrive out of order and more than once: a final status is never overwritten, and each (provider id,
 * status) is applied once — its receipt is written in the transaction of its effect, so a replay changes nothing.
 */
@ApplicationScoped
class DeliveryStatusHandler {

    private static final Logger LOG = Logger.getLogger(DeliveryStatusHandler.class);

    private final Database db;
    private final Clock clock;
    private final ContactLogWriter log;
    private final ReminderRepository reminders;
    private final WebhookReceipts receipts;
    private final AttemptOutcomes outcomes;
    private final AttemptRepository attempts;
    private final TaskRepository tasks;

    DeliveryStatusHandler(Database db, Clock clock, ContactLogWriter log, ReminderRepository reminders, WebhookReceipts receipts,
                          AttemptOutcomes outcomes, AttemptRepository attempts, TaskRepository tasks) {
        this.db = db;
        this.clock = clock;
        this.log = log;
        this.reminders = reminders;
        this.receipts = receipts;
        this.outcomes = outcomes;
        this.attempts = attempts;
        this.tasks = tasks;
    }

    /** @param providerAt the provider's time of the event when the callback carries one ({@code Timestamp}), else null */
    void apply(UUID attemptId, String providerId, String providerStatus, String errorCode, String answeredBy, Instant providerAt) {
        var outcome = outcomes.ofProviderStatus(providerStatus, errorCode);
        if (outcome == null) return; // queued, sent, ringing, in-progress…: nothing final yet
        AttemptStatus status = outcome.status();
        db.inTransaction(c -> {
            var found = AttemptRecord.lock(c, attemptId, providerId);
            if (found.isEmpty()) {
                LOG.warnf("status callback for an unknown attempt (attempt %s, provider id %s) ignored", attemptId, providerId);
                return null;
            }
            AttemptRecord a = found.get();
            Instant now = clock.instant();
            String key = providerId != null ? providerId : a.providerId() != null ? a.providerId() : a.id().toString();
            if (!receipts.firstTime(c, WebhookReceipts.Kind.STATUS, key, providerStatus.toLowerCase(), providerAt, now)) {
                LOG.debugf("status callback %s %s for attempt %s already applied: ignored", key, providerStatus, a.id());
                return null;
            }
            AttemptStatus before = AttemptStatus.valueOf(a.status());
            if (before.isFinal()) return null; // a carrier's last word is never overwritten
            String code = outcome.errorCode();
            attempts.applyProviderStatus(c, a.id(), status, code, providerId, now);
            log.append(c, LogEntry.of(LogEntry.Kind.STATUS, now).borrower(a.borrowerId()).loan(a.loanId()).reminder(a.reminderId())
                    .attempt(a.id()).channel(a.channel()).destinationMasked(Masking.destination(a.destination()))
                    .template(a.templateKey(), a.templateVersion()).providerId(providerId == null ? a.providerId() : providerId)
                    .outcome(status.name()).actor("provider")
                    .detail("provider status " + providerStatus + (code == null ? "" : ", error " + code)
                            + (answeredBy == null ? "" : ", answered by " + answeredBy))
                    .build());
            if (status == AttemptStatus.DELIVERED) {
                reminders.setStatusIf(c, a.reminderId(), ReminderStatus.SENT, ReminderStatus.DELIVERED, now);
                // A send whose answer timed out (closed as UNKNOWN, reminder FAILED) turns out to have arrived.
                if (before == AttemptStatus.UNKNOWN) reminders.setStatusIf(c, a.reminderId(), ReminderStatus.FAILED, ReminderStatus.DELIVERED, now);
                return null;
            }
            // FIRST_ALLOWED: a message the network could not deliver is as good as not sent, so try the next channel.
            if (tasks.reopenOnNextChannel(c, a.taskId(), now)) {
                reminders.setStatus(c, a.reminderId(), ReminderStatus.QUEUED, now, now);
            } else {
                tasks.markFailed(c, a.taskId(), now);
                reminders.settle(c, a.reminderId(), now);
            }
            outcomes.applyConsequences(c, outcome, a.borrowerId(), a.channel(), a.destination(), providerAt, "Twilio " + code, now);
            return null;
        });
    }
}
