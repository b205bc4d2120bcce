package io.tixing.dispatch;

import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * The outbox worker: runs {@link DispatchPipeline} rounds on a schedule (or on demand: tests, draining).
 * Safe to run on many instances; each instance claims under its own worker id.
 */
@ApplicationScoped
public class DispatchWorker {

    private static final Logger LOG = Logger.getLogger(DispatchWorker.class);

    private final String workerId = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    private final DispatchConfig config;
    private final ToIntFunction<String> round;
    private final ExecutorService loops;
    /** Pipelines running now; a tick starts only as many as are free. */
    private final AtomicInteger running = new AtomicInteger();

    @Inject
    DispatchWorker(DispatchConfig config, DispatchPipeline pipeline) {
        this(config, pipeline::runOnce);
    }

    /** {@code round} takes one batch through the pipeline under the worker id and returns how many tasks it claimed. */
    DispatchWorker(DispatchConfig config, ToIntFunction<String> round) {
        this.config = config;
        this.round = round;
        this.loops = Executors.newFixedThreadPool(Math.max(1, config.pipelines()), Thread.ofPlatform().name("dispatch-loop-", 0).daemon().factory());
    }

    /**
     * Each tick starts a loop on every pipeline that is free. The loops do not wait for each other: a batch held by a
     * slow provider keeps its own pipeline, while the others go on claiming at every tick.
     */
    @Scheduled(identity = "dispatch", every = "${tixing.dispatch.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        int pipelines = Math.max(1, config.pipelines());
        for (int n; (n = running.get()) < pipelines; ) {
            if (!running.compareAndSet(n, n + 1)) continue;
            try {
                loops.execute(() -> {
                    try {
                        rounds();
                    } finally {
                        running.decrementAndGet();
                    }
                });
            } catch (RejectedExecutionException e) {
                running.decrementAndGet(); // shutting down
                return;
            }
        }
    }

    private void rounds() {
        try {
            while (runOnce() == config.batchSize()) {
                // a full batch: more work is waiting, go on without waiting for the next tick
            }
        } catch (RuntimeException e) {
            LOG.warn("dispatch round failed; will retry on the next tick", e);
        }
    }

    @PreDestroy
    void stop() { loops.shutdown(); }

    /** One round: re-queue expired leases, claim a batch, take it through the pipeline. Returns how many tasks were claimed. */
    public int runOnce() { return round.applyAsInt(workerId); }

    /** Runs rounds until nothing is due at the current clock time (tests, and draining on demand). */
    public int drain() {
        int total = 0;
        for (int n; (n = runOnce()) > 0; ) total += n;
        return total;
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
