package io.tixing.dispatch;

import io.tixing.contactlog.ContactLogWriter;
import io.tixing.contactlog.LogEntry;
import io.tixing.dispatch.ContactDecider.Decided;
import io.tixing.policy.ChannelType;
import io.tixing.reminder.ReminderMetrics;
import io.tixing.reminder.ReminderRepository;
import io.tixing.reminder.ReminderRepository.StatusMove;
import io.tixing.reminder.ReminderStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The write stage: a batch's decisions in the decision transaction, with a fixed number of statements per batch —
 * pacing slots (one reservation per paced channel), the SENDING attempts, task moves, reminder moves and the
 * DECISION entries of the contact log (its chain heads reserved once per batch).
 */
@ApplicationScoped
class DecisionWriter {

    /** An ALLOWed send with its pacing slot, recorded as SENDING: the send stage hands it to the channel. */
    record Planned(Decided.Send send, Instant notBefore) {}

    private final TaskRepository tasks;
    private final AttemptRepository attempts;
    private final ReminderRepository reminders;
    private final ContactLogWriter log;
    private final ReminderMetrics metrics;
    private final Pacer pacer;

    DecisionWriter(TaskRepository tasks, AttemptRepository attempts, ReminderRepository reminders, ContactLogWriter log,
                   ReminderMetrics metrics, Pacer pacer) {
        this.tasks = tasks;
        this.attempts = attempts;
        this.reminders = reminders;
        this.log = log;
        this.metrics = metrics;
        this.pacer = pacer;
    }

    List<Planned> write(Connection c, List<Decided> decided, Instant now) throws SQLException {
        Map<ChannelType, List<Decided.Send>> byChannel = new EnumMap<>(ChannelType.class);
        for (Decided d : decided) if (d instanceof Decided.Send s) byChannel.computeIfAbsent(s.message().channel(), k -> new ArrayList<>()).add(s);
        Map<UUID, Pacer.Slot> slots = new java.util.HashMap<>();
        for (var e : byChannel.entrySet()) {
            var reserved = pacer.reserve(c, e.getKey(), e.getValue().size(), now);
            for (int i = 0; i < reserved.size(); i++) slots.put(e.getValue().get(i).message().attemptId(), reserved.get(i));
        }
        List<Planned> planned = new ArrayList<>();
        List<AttemptRepository.Sending> sending = new ArrayList<>();
        List<TaskRepository.Move> moves = new ArrayList<>();
        List<StatusMove> statuses = new ArrayList<>();
        Set<UUID> settle = new LinkedHashSet<>();
        List<LogEntry> entries = new ArrayList<>();
        for (Decided d : decided) {
            switch (d) {
                case Decided.Send s -> {
                    var task = s.task();
                    if (slots.get(s.message().attemptId()) instanceof Pacer.Slot.Busy busy) {
                        // The channel is booked beyond the allowed wait: come back at the slot and decide again then
                        // (the ALLOW is not logged: it is decided afresh).
                        entries.addAll(s.entries().subList(0, s.entries().size() - 1));
                        moves.add(TaskRepository.Move.reschedule(task.id(), busy.retryAt(), task.channelIndex(), task.retries()));
                        continue;
                    }
                    entries.addAll(s.entries());
                    var m = s.message();
                    sending.add(new AttemptRepository.Sending(m.attemptId(), task, s.facts().request().loan().id(), m.destination(), m.message()));
                    statuses.add(new StatusMove(task.reminderId(), ReminderStatus.SENDING, null));
                    planned.add(new Planned(s, ((Pacer.Slot.Reserved) slots.get(m.attemptId())).at()));
                }
                case Decided.Defer defer -> {
                    entries.addAll(defer.entries());
                    var task = defer.task();
                    moves.add(TaskRepository.Move.reschedule(task.id(), defer.until(), task.channelIndex(), task.retries()));
                    statuses.add(new StatusMove(task.reminderId(), ReminderStatus.DEFERRED, defer.until()));
                    metrics.status(ReminderStatus.DEFERRED);
                }
                case Decided.Finish finish -> {
                    entries.addAll(finish.entries());
                    moves.add(TaskRepository.Move.finish(finish.task().id(), finish.task().channelIndex(), finish.outcome().name()));
                    settle.add(finish.task().reminderId());
                }
                case Decided.Cancelled cancelled -> {
                    var task = cancelled.facts().task();
                    moves.add(TaskRepository.Move.finish(task.id(), task.channelIndex(), ReminderStatus.CANCELLED.name()));
                }
            }
        }
        for (LogEntry e : entries) metrics.decision(e.decision(), e.reasons());
        attempts.insertSendingAll(c, sending, now);
        tasks.moveAll(c, moves, now);
        reminders.setStatusAll(c, statuses, now);
        reminders.settleAll(c, settle, now).values().forEach(metrics::status);
        // Last: the chain heads it reserves are shared by every batch, so they are held only until the commit just after.
        log.appendAll(c, entries);
        return planned;
    }
}
