package io.tixing.contactlog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Verifies every chain each night and publishes the result, so tampering is noticed by monitoring even when
 * nobody presses "Verify": {@code tixing_contact_log_chain_ok} (1 OK, 0 broken) and
 * {@code tixing_contact_log_verify_failures_total}.
 */
@ApplicationScoped
public class NightlyVerification {

    private static final Logger LOG = Logger.getLogger(NightlyVerification.class);

    private final ChainVerifier verifier;
    private final AtomicInteger chainOk = new AtomicInteger(1);
    private final Clock clock;
    private volatile LastRun last;

    /** The latest full verification (nightly or on demand) and when it finished; null until one ran. */
    public record LastRun(Instant at, VerifyReport report) {}
    private final Counter failures;

    public NightlyVerification(ChainVerifier verifier, MeterRegistry registry, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        registry.gauge("tixing.contact_log.chain_ok", chainOk);
        this.failures = Counter.builder("tixing.contact_log.verify_failures")
                .description("Chain verifications that found a broken chain").register(registry);
    }

    @Scheduled(identity = "contact-log-verify", cron = "${tixing.contact-log.verify-cron:0 30 3 * * ?}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void nightly() { run(); }

    /** Runs a full verification and updates the metrics; also used by tests and by the API. */
    public VerifyReport run() {
        VerifyReport report = verifier.verify(ChainVerifier.Scope.ALL);
        record(report);
        return report;
    }

    /** Any full verification (nightly or on demand) updates the gauge: the latest answer is the truth. */
    void record(VerifyReport report) {
        last = new LastRun(clock.instant(), report);
        if (report.ok()) {
            chainOk.set(1);
            LOG.infof("contact log verified: %d entries, all chains intact", report.checked());
        } else {
            chainOk.set(0);
            failures.increment();
            var b = report.firstBroken();
            if (b != null) {
                LOG.errorf("CONTACT LOG CHAIN BROKEN: chain %d position %d seq %s: %s", b.chainId(), b.chainPos(), b.seq(), b.reason());
            }
            if (report.anchor() != null) {
                report.anchor().rejected().forEach(r -> LOG.errorf("CONTACT LOG ANCHOR REJECTED: %s: %s", r.file(), r.reason()));
            }
        }
    }

    public int chainOk() { return chainOk.get(); }

    /** For the compliance dashboard: the last full verification, or null when none ran since start. */
    public LastRun lastRun() { return last; }

    public double failures() { return failures.count(); }
}
