package io.tixing.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code /q/health/ready} as a metric (1 UP, 0 DOWN), so an alert can say which instance is out of rotation and for how
 * long even where the orchestrator hides it; refreshed on the queue gauges' schedule, never per scrape.
 */
@Startup
@ApplicationScoped
public class ReadinessGauge {

    private final SmallRyeHealthReporter health;
    private volatile double ready = 0;

    public ReadinessGauge(SmallRyeHealthReporter health, MeterRegistry registry) {
        this.health = health;
        Gauge.builder("tixing.ready", this, g -> g.ready).register(registry);
    }

    @Scheduled(every = "{tixing.metrics.refresh-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void refresh() {
        ready = health.getReadiness().isDown() ? 0 : 1;
    }
}
