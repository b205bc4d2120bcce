package io.tixing.dispatch;

import io.tixing.channel.SendResult;
import io.tixing.contactlog.ContactLogWriter;
import io.tixing.contactlog.LogEntry;
import io.tixing.dispatch.AttemptOutcomes.Outcome;
import io.tixing.dispatch.ContactDecider.Decided;
import io.tixing.reminder.ReminderMetrics;
import io.tixing.reminder.ReminderRepository;
import io.tixing.reminder.ReminderRepository.StatusMove;
import io.tixing.reminder.ReminderStatus;
import io.tixing.security.Masking;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The record stage: a batch of provider answers in one transaction — attempt rows, ATTEMPT log entries, task and
 * reminder moves — with what each answer means decided by {@link AttemptOutcomes}.
 */
@ApplicationScoped
class OutcomeRecorder {

    /** One send and the provider's answer to it. */
    record Answered(Decided.Send send, SendResult result) {}

    private final AttemptOutcomes outcomes;
    private final AttemptRepository attempts;
    private final TaskRepository tasks;
    private final ReminderRepository reminders;
    private final ContactLogWriter log;
    private final ReminderMetrics metrics;

    OutcomeRecorder(AttemptOutcomes outcomes, AttemptRepository attempts, TaskRepository tasks, ReminderRepository reminders,
                    ContactLogWriter log, ReminderMetrics metrics) {
        this.outcomes = outcomes;
        this.attempts = attempts;
        this.tasks = tasks;
        this.reminders = reminders;
        this.log = log;
        this.metrics = metrics;
    }

    void recordAll(Connection c, List<Answered> answers, Instant now) throws SQLException {
        if (answers.isEmpty()) return;
        // Lock the task rows first (in id order): a worker resolving these attempts after a lost lease serialises with us.
        tasks.lockAll(c, answers.stream().map(a -> a.send().task().id()).toList());
        List<Outcome> meaning = new ArrayList<>(answers.size());
        List<AttemptRepository.Completion> completions = new ArrayList<>(answers.size());
        for (Answered a : answers) {
            Outcome o = outcomes.ofSend(a.result(), a.send().task().retries());
            meaning.add(o);
            completions.add(new AttemptRepository.Completion(a.send().message().attemptId(), o.status(), o.providerId(), o.errorCode(), o.detail()));
        }
        Set<UUID> changed = attempts.completeAll(c, completions, now); // an attempt resolved by a take-over is left alone
        List<LogEntry> entries = new ArrayList<>();
        List<TaskRepository.Move> moves = new ArrayList<>();
        List<StatusMove> statuses = new ArrayList<>();
        Set<UUID> settle = new LinkedHashSet<>();
        List<Integer> consequences = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            var send = answers.get(i).send();
            var m = send.message();
            var task = send.task();
            Outcome o = meaning.get(i);
            if (!changed.contains(m.attemptId())) continue;
            entries.add(LogEntry.of(LogEntry.Kind.ATTEMPT, now).borrowerClock(send.zone())
                    .borrower(m.borrowerId()).loan(send.facts().request().loan().id()).reminder(m.reminderId()).attempt(m.attemptId())
                    .channel(m.channel().name()).destinationMasked(Masking.destination(m.destination()))
                    .template(m.message().templateKey(), m.message().templateVersion()).contentHash(m.message().contentHash())
                    .rulePack(send.rulePack()).providerId(o.providerId()).outcome(o.status().name())
                    .detail(o.errorCode() == null ? o.detail() : o.errorCode() + " " + o.detail()).actor("dispatcher").build());
            switch (o.next()) {
                case SENT -> {
                    moves.add(TaskRepository.Move.finish(task.id(), task.channelIndex(), ReminderStatus.SENT.name()));
                    settle.add(task.reminderId());
                }
                case RETRY -> {
                    Instant until = now.plus(o.retryAfter());
                    moves.add(TaskRepository.Move.reschedule(task.id(), until, task.channelIndex(), task.retries() + 1));
                    statuses.add(new StatusMove(task.reminderId(), ReminderStatus.DEFERRED, until));
                    metrics.status(ReminderStatus.DEFERRED);
                }
                case FAIL_OVER -> {
                    if (task.hasNextChannel()) {
                        moves.add(TaskRepository.Move.reschedule(task.id(), now, task.channelIndex() + 1, 0));
                        statuses.add(new StatusMove(task.reminderId(), ReminderStatus.QUEUED, now));
                    } else {
                        moves.add(TaskRepository.Move.finish(task.id(), task.channelIndex(), ReminderStatus.FAILED.name()));
                        settle.add(task.reminderId());
                    }
                }
                case END_UNKNOWN -> { // at most once: never resent
                    moves.add(TaskRepository.Move.finish(task.id(), task.channelIndex(), ReminderStatus.FAILED.name()));
                    settle.add(task.reminderId());
                }
                case DECIDE_AGAIN -> { // kept back by the gateway: due again now, on the same channel, with the same retries
                    moves.add(TaskRepository.Move.reschedule(task.id(), now, task.channelIndex(), task.retries()));
                    statuses.add(new StatusMove(task.reminderId(), ReminderStatus.QUEUED, now));
                }
                case NONE -> throw new IllegalStateException("a send result never means " + o.next());
            }
            if (o.consequence() != AttemptOutcomes.Consequence.NONE || o.checkReachability()) consequences.add(i);
        }
        tasks.moveAll(c, moves, now);
        reminders.setStatusAll(c, statuses, now);
        reminders.settleAll(c, settle, now).values().forEach(metrics::status);
        // The batch's entries as late as possible: the chain head they take is held to commit.
        log.appendAll(c, entries);
        // Failures are rare; each may lock its borrower (an opt-out), so they go in borrower order.
        consequences.sort(Comparator.comparing(i -> answers.get(i).send().message().borrowerId()));
        for (int i : consequences) {
            var m = answers.get(i).send().message();
            Outcome o = meaning.get(i);
            outcomes.applyConsequences(c, o, m.borrowerId(), m.channel().name(), m.destination(), null,
                    "provider reports the recipient unsubscribed (" + o.errorCode() + ")", now);
        }
    }
}
