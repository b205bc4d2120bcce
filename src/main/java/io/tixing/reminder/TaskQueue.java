package io.tixing.reminder;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where accepted reminders leave their work for the dispatcher: the dispatch package owns the outbox table and
 * implements this port, so intake never writes (or imports) it. Called inside the intake transaction, so a task
 * exists exactly when its reminder does.
 */
public interface TaskQueue {

    /** One task to dispatch: the channels it may try in order, from {@code dueAt} on. */
    record NewTask(UUID reminderId, String borrowerId, List<String> channels, Instant dueAt) {}

    /** Queues every task (pending, due at its own instant) with one statement, in the caller's transaction. */
    void enqueue(Connection c, List<NewTask> tasks) throws SQLException;
}
