package io.tixing.ops;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The queue gauges: how often their read-only SQL runs, and when a due task counts as overdue. */
@ConfigMapping(prefix = "tixing.metrics")
public interface MetricsConfig {

    /** How often the queue gauges are recomputed from the database ({@code off}: only when asked, as tests do). */
    @WithDefault("5s")
    String refreshInterval();

    /** A pending task due longer ago than this is overdue: the dispatchers are not keeping up. */
    @WithDefault("5m")
    Duration overdueAfter();
}
