package io.tixing.dispatch;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.util.UUID;

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

    DispatchWorker(DispatchConfig config, DispatchPipeline pipeline) {
        this.config = config;
        this.pipeline = pipeline;
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
