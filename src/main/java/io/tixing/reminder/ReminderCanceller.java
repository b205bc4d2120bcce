package io.tixing.reminder;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Cancels one reminder's waiting tasks, the path a wave's cancel takes. A port: io.tixing.wave implements it (it moves
 * tasks through io.tixing.dispatch, which this package never imports).
 */
public interface ReminderCanceller {

    /**
     * Its waiting tasks end CANCELLED and, once none is left in flight, the reminder does, with a LIFECYCLE entry naming
     * the actor. Runs in the caller's transaction.
     *
     * @return 1 when it ended CANCELLED, 0 when another of its tasks is in flight, -1 when no task was waiting any more
     */
    int cancelOne(Connection c, UUID reminderId, String actor, String why, Instant now) throws SQLException;
}
