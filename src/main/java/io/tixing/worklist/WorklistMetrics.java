package io.tixing.worklist;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prometheus gauges {@code tixing.worklist.open{kind}} (cases not resolved) and
 * {@code tixing.worklist.oldest.seconds{kind}} (age of the oldest), refreshed every minute (one grouped query).
 */
@ApplicationScoped
public class WorklistMetrics {

    private static final Logger LOG = Logger.getLogger(WorklistMetrics.class);

    private final Cases cases;
    private final Map<Cases.Kind, AtomicLong> open = new EnumMap<>(Cases.Kind.class);
    private final Map<Cases.Kind, AtomicLong> oldest = new EnumMap<>(Cases.Kind.class);

    public WorklistMetrics(Cases cases, MeterRegistry registry) {
        this.cases = cases;
        for (Cases.Kind kind : Cases.Kind.values()) {
            open.put(kind, new AtomicLong());
            oldest.put(kind, new AtomicLong());
            Gauge.builder("tixing.worklist.open", open.get(kind), AtomicLong::get).tag("kind", kind.name())
                    .description("worklist cases not yet resolved").register(registry);
            Gauge.builder("tixing.worklist.oldest.seconds", oldest.get(kind), AtomicLong::get).tag("kind", kind.name())
                    .description("age of the oldest unresolved case").register(registry);
        }
    }

    @Scheduled(identity = "worklist-metrics", every = "${tixing.worklist.metrics-interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("worklist metrics refresh failed; will retry", e);
        }
    }

    /** Reads the counts now (the scheduler calls it; tests call it to see the gauges move). */
    public void refresh() {
        var counts = cases.openCounts();
        for (Cases.Kind kind : Cases.Kind.values()) {
            var c = counts.stream().filter(x -> x.kind() == kind).findFirst();
            open.get(kind).set(c.map(Cases.OpenCount::open).orElse(0L));
            oldest.get(kind).set(c.map(Cases.OpenCount::oldestSeconds).orElse(0L));
        }
    }
}
