package io.tixing.dispatch;

import io.tixing.channel.ChannelRegistry;
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
 * It is never resent blindly: the provider is asked whether it has the attempt (by attempt id, destination and time).
 * Found → recorded as sent. Certainly not found → closed as NOT_SENT and decided afresh. Cannot tell →
 * closed as UNKNOWN and the reminder ends FAILED for a person to check (at most once, never twice).
 * What each answer means is {@link AttemptOutcomes#ofLookup}'s to say.
 */
@ApplicationScoped
class LeftoverResolver {

    private final ChannelRegistry channels;
    private final AttemptRepository attempts;
    private final AttemptOutcomes outcomes;
    private final ContactLogWriter log;
    private final TaskProgress progress;

    LeftoverResolver(ChannelRegistry channels, AttemptRepository attempts, AttemptOutcomes outcomes, ContactLogWriter log,
                     TaskProgress progress) {
        this.channels = channels;
        this.attempts = attempts;
        this.outcomes = outcomes;
        this.log = log;
        this.progress = progress;
    }

    /** @return true when the task should be decided again (the provider never got the attempt) */
    boolean resolve(Connection c, DispatchTask task, AttemptRepository.OpenAttempt open, Instant now) throws SQLException {
        var answer = channels.forType(ChannelType.valueOf(open.channel())).lookup(open.id(), open.destination(), open.createdAt());
        var o = outcomes.ofLookup(answer);
        attempts.complete(c, open.id(), o.status(), o.providerId(), o.errorCode(), o.detail(), now);
        LogEntry.Builder entry = LogEntry.of(LogEntry.Kind.ATTEMPT, now).borrower(task.borrowerId()).reminder(task.reminderId())
                .attempt(open.id()).channel(open.channel()).destinationMasked(Masking.destination(open.destination()))
                .actor("dispatcher").providerId(o.providerId()).outcome(o.status().name());
        switch (o.next()) {
            case SENT -> {
                log.append(c, entry.detail("recovered after an interrupted dispatch: the provider has it").build());
                progress.finish(c, task, ReminderStatus.SENT, now);
                return false;
            }
            case DECIDE_AGAIN -> {
                log.append(c, entry.detail("interrupted before the provider received it; deciding again").build());
                return true;
            }
            default -> {
                log.append(c, entry.detail("interrupted dispatch, provider cannot confirm (" + o.detail() + "); not resent").build());
                progress.finish(c, task, ReminderStatus.FAILED, now);
                return false;
            }
        }
    }
}
