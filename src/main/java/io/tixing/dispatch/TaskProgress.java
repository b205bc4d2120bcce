package io.tixing.dispatch;

import io.tixing.reminder.ReminderMetrics;
import io.tixing.reminder.ReminderRepository;
import io.tixing.reminder.ReminderStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** Moves a task and its reminder along the lifecycle after a decision or a provider answer. */
@ApplicationScoped
class TaskProgress {

    private final TaskRepository tasks;
    private final ReminderRepository reminders;
    private final ReminderMetrics metrics;

    TaskProgress(TaskRepository tasks, ReminderRepository reminders, ReminderMetrics metrics) {
        this.tasks = tasks;
        this.reminders = reminders;
        this.metrics = metrics;
    }

    void defer(Connection c, DispatchTask task, Instant until, int channelIndex, int retries, Instant now) throws SQLException {
        tasks.reschedule(c, task.id(), until, channelIndex, retries, now);
        reminders.setStatus(c, task.reminderId(), ReminderStatus.DEFERRED, until, now);
        metrics.status(ReminderStatus.DEFERRED);
    }

    /** FIRST_ALLOWED goes on with the next channel now; otherwise the task ends with {@code outcome}. */
    void failOver(Connection c, DispatchTask task, ReminderStatus outcome, Instant now) throws SQLException {
        if (task.hasNextChannel()) {
            tasks.reschedule(c, task.id(), now, task.channelIndex() + 1, 0, now);
            reminders.setStatus(c, task.reminderId(), ReminderStatus.QUEUED, now, now);
        } else {
            finish(c, task, outcome, now);
        }
    }

    void finish(Connection c, DispatchTask task, ReminderStatus outcome, Instant now) throws SQLException {
        tasks.finish(c, task.id(), task.channelIndex(), outcome.name(), now);
        reminders.settle(c, task.reminderId(), now).ifPresent(metrics::status);
    }
}
