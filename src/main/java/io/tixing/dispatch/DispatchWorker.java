package io.tixing.dispatch;

import io.quarkus.scheduler.Scheduled;
import io.tixing.channel.ChannelMonitor;
import io.tixing.channel.ChannelRegistry;
import io.tixing.channel.SendResult;
import io.tixing.db.Database;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.UUID;

/**
 * The outbox worker: claim due tasks, decide each in a short transaction under the borrower's lock,
 * send outside any transaction, record the answer in a second one. Safe to run on many instances.
 */
@ApplicationScoped
public class DispatchWorker {

    private static final Logger LOG = Logger.getLogger(DispatchWorker.class);

    private final String workerId = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    private final Database db;
    private final Clock clock;
    private final DispatchConfig config;
    private final TaskRepository tasks;
    private final ContactDecider decider;
    private final OutcomeRecorder recorder;
    private final ChannelRegistry channels;
    private final ChannelMonitor monitor;
    /** Tasks of one round run in parallel; tasks of one borrower still serialise on the borrower's row lock. */
    private final ExecutorService senders;

    DispatchWorker(Database db, Clock clock, DispatchConfig config, TaskRepository tasks, ContactDecider decider,
                   OutcomeRecorder recorder, ChannelRegistry channels, ChannelMonitor monitor) {
        this.db = db;
        this.clock = clock;
        this.config = config;
        this.tasks = tasks;
        this.decider = decider;
        this.recorder = recorder;
        this.channels = channels;
        this.monitor = monitor;
        this.senders = Executors.newFixedThreadPool(config.senders(), Thread.ofPlatform().name("dispatch-", 0).daemon().factory());
    }

    @Scheduled(identity = "dispatch", every = "${tixing.dispatch.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        try {
            while (runOnce() == config.batchSize()) {
                // a full batch: more work is waiting, go on without waiting for the next tick
            }
        } catch (RuntimeException e) {
            LOG.warn("dispatch round failed; will retry on the next tick", e);
        }
    }

    /** One round: re-queue expired leases, claim a batch, process it. Returns how many tasks were claimed. */
    public int runOnce() {
        Instant now = clock.instant();
        tasks.requeueExpired(now);
        List<DispatchTask> claimed = tasks.claim(workerId, now, now.plus(config.lease()), config.batchSize());
        List<Future<?>> running = new ArrayList<>(claimed.size());
        for (DispatchTask task : claimed) running.add(senders.submit(() -> process(task)));
        for (Future<?> f : running) await(f);
        return claimed.size();
    }

    /** Waits for one task; an Error (the process dying, in crash tests) is rethrown as it is. */
    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dispatching", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) throw error;
            if (e.getCause() instanceof RuntimeException re) LOG.warn("task failed; its lease will expire and it is retried", re);
        }
    }

    @PreDestroy
    void stop() { senders.shutdown(); }

    /** Runs rounds until nothing is due at the current clock time (tests, and draining on demand). */
    public int drain() {
        int total = 0;
        for (int n; (n = runOnce()) > 0; ) total += n;
        return total;
    }

    void process(DispatchTask task) {
        Step step = db.inTransaction(c -> decider.prepare(c, task, workerId));
        if (step instanceof Step.Send send) {
            SendResult result = send(send);
            db.inTransaction(c -> {
                recorder.record(c, send, result);
                return null;
            });
        }
    }

    /** Provider errors are values; an unexpected exception from an adapter is treated as transient. */
    private SendResult send(Step.Send send) {
        waitForSlot(send.notBefore());
        long started = System.nanoTime();
        SendResult result;
        try {
            result = channels.forType(send.message().channel()).send(send.message());
        } catch (RuntimeException e) {
            LOG.warnf("channel %s threw %s; treating as transient", send.message().channel(), e.toString());
            result = new SendResult.RetryLater("EXCEPTION", Duration.ZERO, e.getClass().getSimpleName());
        }
        monitor.record(send.message().channel(), result, Duration.ofNanos(System.nanoTime() - started));
        return result;
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

    public String workerId() { return workerId; }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "tixing";
        }
    }
}
