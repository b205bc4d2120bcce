package io.tixing.webhook;

import io.tixing.borrower.ConsentLedger;
import io.tixing.borrower.Reachability;
import io.tixing.contactlog.ContactLogWriter;
import io.tixing.contactlog.LogEntry;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.reminder.ReminderRepository;
import io.tixing.reminder.ReminderStatus;
import io.tixing.security.Masking;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Twilio status callbacks (SMS and calls) move an attempt to DELIVERED, UNDELIVERED or FAILED with the error code.
 * Callbacks arrive out of order and more than once: a final status is never overwritten, and each (provider id,
 * status) is applied once — its receipt is written in the transaction of its effect, so a replay changes nothing.
 */
@ApplicationScoped
class DeliveryStatusHandler {

    private static final Logger LOG = Logger.getLogger(DeliveryStatusHandler.class);
    private static final Map<String, String> FINAL = Map.ofEntries(
            Map.entry("delivered", "DELIVERED"), Map.entry("completed", "DELIVERED"),
            Map.entry("undelivered", "UNDELIVERED"), Map.entry("busy", "UNDELIVERED"), Map.entry("no-answer", "UNDELIVERED"),
            Map.entry("canceled", "UNDELIVERED"), Map.entry("failed", "FAILED"));
    /** Carrier says the number cannot take messages (unreachable, unknown, landline): stop using it. */
    private static final Set<String> INVALID_NUMBER = Set.of("30003", "30005", "30006", "21211", "21614",
            "MOBILE_NOT_ON_SERVICE", "MOBILE_NUMBER_ILLEGAL", "isv.MOBILE_NUMBER_ILLEGAL"); // last three: Alibaba Cloud receipts
    private static final String UNSUBSCRIBED = "21610";

    private final Database db;
    private final Clock clock;
    private final ContactLogWriter log;
    private final ConsentLedger consents;
    private final ReminderRepository reminders;
    private final Reachability reachability;
    private final io.tixing.borrower.BorrowerRepository borrowers;
    private final WebhookReceipts receipts;

    DeliveryStatusHandler(Database db, Clock clock, ContactLogWriter log, ConsentLedger consents, ReminderRepository reminders,
                          Reachability reachability, io.tixing.borrower.BorrowerRepository borrowers, WebhookReceipts receipts) {
        this.db = db;
        this.clock = clock;
        this.log = log;
        this.consents = consents;
        this.reminders = reminders;
        this.reachability = reachability;
        this.borrowers = borrowers;
        this.receipts = receipts;
    }

    /** @param providerAt the provider's time of the event when the callback carries one ({@code Timestamp}), else null */
    void apply(UUID attemptId, String providerId, String providerStatus, String errorCode, String answeredBy, Instant providerAt) {
        String status = FINAL.get(providerStatus == null ? "" : providerStatus.toLowerCase());
        if (status == null) return; // queued, sent, ringing, in-progress…: nothing final yet
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
            if (Set.of("DELIVERED", "UNDELIVERED", "FAILED").contains(a.status())) return null; // already final
            String code = errorCode == null || errorCode.isBlank() ? (status.equals("UNDELIVERED") ? providerStatus.toUpperCase() : null) : errorCode;
            Sql.update(c, "UPDATE attempt SET status = ?, error_code = coalesce(?, error_code), provider_id = coalesce(provider_id, ?), updated_at = ? WHERE id = ?",
                    status, code, providerId, now, a.id());
            log.append(c, LogEntry.of(LogEntry.Kind.STATUS, now).borrower(a.borrowerId()).loan(a.loanId()).reminder(a.reminderId())
                    .attempt(a.id()).channel(a.channel()).destinationMasked(Masking.destination(a.destination()))
                    .template(a.templateKey(), a.templateVersion()).providerId(providerId == null ? a.providerId() : providerId)
                    .outcome(status).actor("provider")
                    .detail("provider status " + providerStatus + (code == null ? "" : ", error " + code)
                            + (answeredBy == null ? "" : ", answered by " + answeredBy))
                    .build());
            if (status.equals("DELIVERED")) {
                reminders.setStatusIf(c, a.reminderId(), ReminderStatus.SENT, ReminderStatus.DELIVERED, now);
                // A send whose answer timed out (closed as UNKNOWN, reminder FAILED) turns out to have arrived.
                if (a.status().equals("UNKNOWN")) reminders.setStatusIf(c, a.reminderId(), ReminderStatus.FAILED, ReminderStatus.DELIVERED, now);
                return null;
            }
            if (code != null && INVALID_NUMBER.contains(code)) borrowers.markInvalid(c, a.borrowerId(), a.channel(), a.destination(), code, now);
            if (UNSUBSCRIBED.equals(code)) {
                consents.restrictAsOf(c, a.borrowerId(), "OPT_OUT", a.channel(), null, ConsentLedger.Source.PROVIDER, "provider",
                        "Twilio 21610", providerAt);
            }
            failOver(c, a, now);
            reachability.check(c, a.borrowerId(), now);
            return null;
        });
    }

    /** FIRST_ALLOWED: a message the network could not deliver is as good as not sent, so try the next channel. */
    private void failOver(Connection c, AttemptRecord a, Instant now) throws SQLException {
        int reopened = Sql.update(c, """
                UPDATE dispatch_task SET state = 'PENDING', channel_index = channel_index + 1, retries = 0, due_at = ?, updated_at = ?
                WHERE id = ? AND state = 'DONE' AND outcome = 'SENT' AND channel_index + 1 < cardinality(channels)""", now, now, a.taskId());
        if (reopened == 1) {
            reminders.setStatus(c, a.reminderId(), ReminderStatus.QUEUED, now, now);
            return;
        }
        Sql.update(c, "UPDATE dispatch_task SET outcome = 'FAILED' WHERE id = ? AND state = 'DONE'", a.taskId());
        reminders.settle(c, a.reminderId(), now);
    }
}
