package io.tixing.dispatch;

import io.tixing.channel.ChannelRegistry;
import io.tixing.channel.ProviderLookup;
import io.tixing.contactlog.ContactLogWriter;
import io.tixing.contactlog.LogEntry;
import io.tixing.policy.ChannelType;
import io.tixing.reminder.ReminderStatus;
import io.tixing.security.Masking;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * An attempt still SENDING when its task is claimed again means a worker died between hand-off and record.
 * It is never resent blindly: the provider is asked whether it has the attempt (by attempt id).
 * Found → recorded as sent. Certainly not found → closed as NOT_SENT and decided afresh. Cannot tell →
 * closed as UNKNOWN and the reminder ends FAILED for a person to check (at most once, never twice).
 */
@ApplicationScoped
class LeftoverResolver {

    private final ChannelRegistry channels;
    private final AttemptRepository attempts;
    private final ContactLogWriter log;
    private final TaskProgress progress;

    LeftoverResolver(ChannelRegistry channels, AttemptRepository attempts, ContactLogWriter log, TaskProgress progress) {
        this.channels = channels;
        this.attempts = attempts;
        this.log = log;
        this.progress = progress;
    }

    /** @return true when the task should be decided again (the provider never got the attempt) */
    boolean resolve(Connection c, DispatchTask task, AttemptRepository.OpenAttempt open, Instant now) throws SQLException {
        ProviderLookup answer = channels.forType(ChannelType.valueOf(open.channel())).lookup(open.id());
        LogEntry.Builder entry = LogEntry.of(LogEntry.Kind.ATTEMPT, now).borrower(task.borrowerId()).reminder(task.reminderId())
                .attempt(open.id()).channel(open.channel()).destinationMasked(Masking.destination(open.destination()))
                .actor("dispatcher");
        switch (answer) {
            case ProviderLookup.Found found -> {
                attempts.complete(c, open.id(), "SENT", found.providerId(), null, "recovered after an interrupted dispatch", now);
                log.append(c, entry.providerId(found.providerId()).outcome("SENT").detail("recovered after an interrupted dispatch: the provider has it").build());
                progress.finish(c, task, ReminderStatus.SENT, now);
                return false;
            }
            case ProviderLookup.NotFound notFound -> {
                attempts.complete(c, open.id(), "NOT_SENT", null, null, "interrupted before the provider received it", now);
                log.append(c, entry.outcome("NOT_SENT").detail("interrupted before the provider received it; deciding again").build());
                return true;
            }
            case ProviderLookup.Unknown unknown -> {
                attempts.complete(c, open.id(), "UNKNOWN", null, "OUTCOME_UNKNOWN", unknown.why(), now);
                log.append(c, entry.outcome("UNKNOWN").detail("interrupted dispatch, provider cannot confirm (" + unknown.why()
                        + "); not resent").build());
                progress.finish(c, task, ReminderStatus.FAILED, now);
                return false;
            }
        }
    }
}
