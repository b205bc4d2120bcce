package io.tixing.wave;

import io.tixing.borrower.BorrowerRepository;
import io.tixing.contactlog.ContactLogWriter;
import io.tixing.contactlog.LogEntry;
import io.tixing.dispatch.TaskRepository;
import io.tixing.reminder.ReminderCanceller;
import io.tixing.reminder.ReminderRepository;
import io.tixing.reminder.ReminderStatus;
import io.tixing.rules.BorrowerRules;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Cancels what has not been handed to a provider yet. Only tasks still waiting (PENDING or HELD) are taken, under
 * their row locks: a task a dispatcher has leased is left to finish (it re-reads the reminder and sees CANCELLED if
 * it had not decided yet), so nothing already sent is ever reported as cancelled.
 */
@ApplicationScoped
public class ReminderCancellation implements ReminderCanceller {

    private final ContactLogWriter log;
    private final BorrowerRepository borrowers;
    private final BorrowerRules rules;
    private final ReminderRepository reminders;
    private final TaskRepository tasks;

    public ReminderCancellation(ContactLogWriter log, BorrowerRepository borrowers, BorrowerRules rules, ReminderRepository reminders,
                                TaskRepository tasks) {
        this.log = log;
        this.borrowers = borrowers;
        this.rules = rules;
        this.reminders = reminders;
        this.tasks = tasks;
    }

    /**
     * Cancels the waiting tasks of reminders picked by {@code reminderFilter} (a SQL condition on table alias r with
     * {@code params}), at most {@code limit} of them, and writes one LIFECYCLE entry per reminder that ended cancelled.
     *
     * Waits for row locks instead of skipping them: a task being claimed right now is then seen as LEASED and left alone.
     * Call in a transaction of its own (it locks tasks before reminders, as the dispatcher does).
     *
     * @return how many reminders ended CANCELLED, or -1 when no task was waiting any more
     */
    int cancel(Connection c, String reminderFilter, List<Object> params, int limit, String actor, String why, Instant now) throws SQLException {
        Map<UUID, TaskRepository.CancelledTask> touched = new LinkedHashMap<>();
        for (var t : tasks.cancelWaiting(c, reminderFilter, params, limit, now)) touched.putIfAbsent(t.reminderId(), t);
        int cancelled = 0;
        for (var x : touched.values()) {
            var status = reminders.settle(c, x.reminderId(), now);
            if (status.isEmpty()) continue; // another task of the reminder is in flight; it settles the status
            if (status.get() != ReminderStatus.CANCELLED) continue;
            cancelled++;
            var zone = borrowers.find(c, x.borrowerId()).map(b -> rules.resolve(b).displayZone()).orElse(null);
            log.append(c, LogEntry.of(LogEntry.Kind.LIFECYCLE, now).borrowerClock(zone).borrower(x.borrowerId()).loan(x.loanId())
                    .reminder(x.reminderId()).outcome(ReminderStatus.CANCELLED.name()).actor(actor).detail(why).build());
        }
        return touched.isEmpty() ? -1 : cancelled;
    }

    /** Recalls one reminder ({@code POST /api/v1/reminders/{id}/cancel}) through the same path as a wave's cancel. */
    @Override
    public int cancelOne(Connection c, UUID reminderId, String actor, String why, Instant now) throws SQLException {
        return cancel(c, "r.id = ?", List.of(reminderId), 100, actor, why, now);
    }
}
