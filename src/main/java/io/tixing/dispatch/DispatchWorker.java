package io.tixing.dispatch;

import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The outbox worker: runs {@link DispatchPipeline} rounds on a schedule (or on demand: tests, draining).
 * Safe to run on many instances; each instance claims under its own worker id.
 */
@ApplicationScoped
public class DispatchWorker {

    private static final Logger LOG = Logger.getLogger(DispatchWorker.class);

    private final String workerId = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    private final DispatchConfig config;
    private final DispatchPipeline pipeline;
    private final ExecutorService loops;

    DispatchWorker(DispatchConfig config, DispatchPipeline pipeline) {
        this.config = config;
        this.pipeline = pipeline;
        this.loops = Executors.newFixedThreadPool(Math.max(1, config.pipelines()), Thread.ofPlatform().name("dispatch-loop-", 0).daemon().factory());
    }

    @Scheduled(identity = "dispatch", every = "${tixing.dispatch.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (config.pipelines() <= 1) {
            rounds();
            return;
        }
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < config.pipelines(); i++) running.add(loops.submit(this::rounds));
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                LOG.warn("dispatch loop failed; will retry on the next tick", e.getCause());
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
    public int runOnce() { return pipeline.runOnce(workerId); }

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
