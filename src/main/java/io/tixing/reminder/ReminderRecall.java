package io.tixing.reminder;

import io.tixing.api.Problem;
import io.tixing.api.ProblemException;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /api/v1/reminders/{id}/cancel}: recalls a reminder that has not been handed to a channel. The cancel itself is
 * {@link ReminderCanceller}, the path a wave's cancel takes: only tasks still waiting are taken, under their row
 * locks, so a task a dispatcher has already claimed is left to finish and nothing sent is ever reported as cancelled.
 */
@ApplicationScoped
public class ReminderRecall {

    static final Set<ReminderStatus> RECALLABLE = Set.of(ReminderStatus.QUEUED, ReminderStatus.DEFERRED);

    private final Database db;
    private final Clock clock;
    private final ReminderCanceller cancellation;

    public ReminderRecall(Database db, Clock clock, ReminderCanceller cancellation) {
        this.db = db;
        this.clock = clock;
        this.cancellation = cancellation;
    }

    /** Cancels it, or says (409) why not: the status it has now. */
    public void cancel(UUID id, String actor) {
        ReminderStatus before = status(id);
        if (!RECALLABLE.contains(before)) throw notRecallable(id, before);
        int n = db.inTransaction(c -> cancellation.cancelOne(c, id, actor, "reminder recalled by " + actor,
                clock.instant().truncatedTo(ChronoUnit.MICROS)));
        if (n == 1) return;
        ReminderStatus now = status(id);
        if (!RECALLABLE.contains(now)) throw notRecallable(id, now);
        throw new ProblemException(Problem.of(409, "reminder-in-dispatch", "Reminder is being dispatched",
                "reminder " + id + " is " + now + " but a dispatcher is deciding or sending it right now, so it can no longer be "
                        + "recalled safely; read it again to see how that ended"));
    }

    private ReminderStatus status(UUID id) {
        return db.read(c -> {
            try (var ps = Sql.prepare(c, "SELECT status FROM reminder WHERE id = ?", id); var rs = ps.executeQuery()) {
                if (!rs.next()) throw ProblemException.notFound("reminder " + id);
                return ReminderStatus.valueOf(rs.getString(1));
            }
        });
    }

    private static ProblemException notRecallable(UUID id, ReminderStatus status) {
        return new ProblemException(Problem.of(409, "reminder-not-recallable", "Reminder can no longer be cancelled",
                "reminder " + id + " is " + status + "; only a QUEUED or DEFERRED reminder can be cancelled"));
    }
}
