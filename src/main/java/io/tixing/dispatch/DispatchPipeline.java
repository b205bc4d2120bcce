package io.tixing.dispatch;

import io.tixing.channel.ChannelMonitor;
import io.tixing.channel.ChannelRegistry;
import io.tixing.channel.SendResult;
import io.tixing.db.Database;
import io.tixing.dispatch.ContactDecider.Decided;
import io.tixing.dispatch.DecisionWriter.Planned;
import io.tixing.dispatch.DispatchFacts.TaskFacts;
import io.tixing.dispatch.OutcomeRecorder.Answered;
import io.tixing.policy.PolicyEngine;
import io.tixing.template.TemplateService;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The dispatch pipeline, one batch at a time:
 * <ol>
 *   <li><b>claim</b> due tasks with a lease ({@link TaskRepository});</li>
 *   <li><b>load</b> the batch's facts under its locks, taken in one fixed order ({@link FactsLoader});</li>
 *   <li><b>decide</b> every task, plain Java ({@link ContactDecider});</li>
 *   <li><b>write</b> the decisions in the same transaction ({@link DecisionWriter});</li>
 *   <li><b>send</b> concurrently within each channel's pacing, outside any transaction;</li>
 *   <li><b>record</b> the answers in one transaction ({@link OutcomeRecorder}, meanings by {@link AttemptOutcomes}).</li>
 * </ol>
 * Two transactions per batch besides the claim, whatever its size. Safe to run on many instances.
 */
@ApplicationScoped
class DispatchPipeline {

    private static final Logger LOG = Logger.getLogger(DispatchPipeline.class);

    private final Database db;
    private final Clock clock;
    private final DispatchConfig config;
    private final TaskRepository tasks;
    private final FactsLoader loader;
    private final ContactDecider decider;
    private final DecisionWriter writer;
    private final OutcomeRecorder recorder;
    private final AttemptRepository attempts;
    private final LeftoverResolver leftovers;
    private final ChannelRegistry channels;
    private final ChannelMonitor monitor;
    /** Sends of one batch run in parallel (the sandbox groups their inserts into few commits). */
    private final ExecutorService senders;

    DispatchPipeline(Database db, Clock clock, DispatchConfig config, TaskRepository tasks, FactsLoader loader, PolicyEngine engine,
                     TemplateService templates, DecisionWriter writer, OutcomeRecorder recorder, AttemptRepository attempts,
                     LeftoverResolver leftovers, ChannelRegistry channels, ChannelMonitor monitor) {
        this.db = db;
        this.clock = clock;
        this.config = config;
        this.tasks = tasks;
        this.loader = loader;
        this.decider = new ContactDecider(engine, templates::render);
        this.writer = writer;
        this.recorder = recorder;
        this.attempts = attempts;
        this.leftovers = leftovers;
        this.channels = channels;
        this.monitor = monitor;
        this.senders = Executors.newFixedThreadPool(config.senders(), Thread.ofPlatform().name("dispatch-", 0).daemon().factory());
    }

    /** One batch through every stage. Returns how many tasks were claimed. */
    int runOnce(String worker) {
        Instant claimedAt = clock.instant();
        List<DispatchTask> claimed = tasks.claimDue(worker, claimedAt, claimedAt.plus(config.lease()), config.batchSize());
        if (claimed.isEmpty()) return 0;
        // Hand-offs start only while at least half the lease remains: after it ends another round may take the task over and
        // look the attempt up, and a send still on its way then would be found missing and made twice.
        Instant lastHandOff = claimedAt.plus(config.lease().dividedBy(2));
        List<Planned> planned = db.inTransaction(c -> {
            var locked = loader.lock(c, claimed, worker);
            // The time is read once the locks are held: a decision that read its clock before waiting for them would be
            // "earlier" than the contact the lock holder just allowed, and a duplicate window ending "now" would miss it.
            Instant now = clock.instant();
            List<TaskFacts> batch = new ArrayList<>(locked.tasks().size());
            var open = attempts.findSending(c, locked.tasks().stream().map(t -> t.task().id()).toList());
            for (TaskFacts t : locked.tasks()) {
                var left = open.get(t.task().id());
                if (left == null || leftovers.resolve(c, t.task(), left, now)) batch.add(t);
            }
            var facts = loader.load(c, batch, locked.borrowers(), now);
            List<Decided> decided = decider.decide(facts, now);
            return writer.write(c, decided, now);
        });
        if (planned.isEmpty()) return claimed.size();
        List<Answered> answers = send(worker, planned, claimedAt, lastHandOff);
        db.inTransaction(c -> {
            recorder.recordAll(c, answers, clock.instant());
            return null;
        });
        return claimed.size();
    }

    /**
     * The send stage: every planned message at its slot, in parallel; an Error (a process dying, in tests) stops all.
     * While sends wait for their providers, the batch's leases are renewed (see {@link #keepLeases}).
     */
    private List<Answered> send(String worker, List<Planned> planned, Instant claimedAt, Instant lastHandOff) {
        List<Future<SendResult>> running = new ArrayList<>(planned.size());
        for (Planned p : planned) running.add(senders.submit(() -> send(p, lastHandOff)));
        List<Long> ids = planned.stream().map(p -> p.send().task().id()).distinct().toList();
        LeaseKeeping keeping = new LeaseKeeping(worker, ids, claimedAt); // the leases run from the claim
        List<Answered> out = new ArrayList<>(planned.size());
        for (int i = 0; i < planned.size(); i++) out.add(new Answered(planned.get(i).send(), await(running.get(i), keeping)));
        return out;
    }

    /** How often a waiting send stage looks whether its leases need renewing (real time; the renewal follows the clock). */
    private static final long LEASE_CHECK_MILLIS = 200;

    /** The leases a send stage holds and when they were last renewed. */
    private static final class LeaseKeeping {
        final String worker;
        final List<Long> ids;
        Instant renewed;

        LeaseKeeping(String worker, List<Long> ids, Instant renewed) {
            this.worker = worker;
            this.ids = ids;
            this.renewed = renewed;
        }
    }

    /**
     * A provider call may outlast the lease (a slow provider, a long read timeout): every quarter of the lease, a
     * living worker renews the leases of the tasks whose sends are still out, so no other round takes them over and
     * looks a send up before the provider has it (then found missing, it would be sent again). Only a worker that died,
     * or cannot reach the database, loses its claims. A renewal that fails is tried again at the next check.
     */
    private void keepLeases(LeaseKeeping keeping) {
        Instant now = clock.instant();
        if (now.isBefore(keeping.renewed.plus(config.lease().dividedBy(4)))) return;
        try {
            tasks.renewLeases(keeping.worker, keeping.ids, now.plus(config.lease()));
            keeping.renewed = now;
        } catch (RuntimeException e) {
            LOG.warnf("could not renew the leases of %d tasks with sends in flight: %s", keeping.ids.size(), e.getMessage());
        }
    }

    /** Provider errors are values; an unexpected exception from an adapter is treated as transient. */
    private SendResult send(Planned p, Instant lastHandOff) {
        waitForSlot(p.notBefore());
        var send = p.send();
        var message = send.message();
        if (clock.instant().isAfter(lastHandOff)) {
            // Not handed over: recorded NOT_SENT and decided again at once, without spending a retry. Should this round die
            // first, the next one (of any instance) finds the attempt still SENDING, looks it up, finds nothing: the same.
            return new SendResult.RetryLater(AttemptOutcomes.NOT_HANDED_OVER, Duration.ZERO, "not handed over: the claim's lease was running out");
        }
        long started = System.nanoTime();
        SendResult result;
        try {
            result = channels.forType(message.channel()).send(message, at -> decider.blockedAt(send, at));
        } catch (RuntimeException e) {
            LOG.warnf("channel %s threw %s; treating as transient", message.channel(), e.toString());
            result = new SendResult.RetryLater("EXCEPTION", Duration.ZERO, e.getClass().getSimpleName());
        }
        monitor.record(message.channel(), result, Duration.ofNanos(System.nanoTime() - started));
        return result;
    }

    private SendResult await(Future<SendResult> f, LeaseKeeping keeping) {
        try {
            while (true) {
                try {
                    return f.get(LEASE_CHECK_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException stillOut) {
                    keepLeases(keeping);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dispatching", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) throw error;
            throw new IllegalStateException("send failed", e.getCause());
        }
    }

    /** Pacing: the slot is at most {@code tixing.pacing.max-wait} ahead, so this wait is short and bounded. */
    private void waitForSlot(Instant slot) {
        long millis = Duration.between(clock.instant(), slot).toMillis();
        if (millis <= 0) return;
        try {
            Thread.sleep(Math.min(millis, 10_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() { senders.shutdown(); }
}
