package io.tixing.dispatch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "tixing.dispatch")
public interface DispatchConfig {

    /** How often the worker looks for due work ({@code off} to drive it by hand, as tests do). */
    @WithDefault("1s")
    String pollInterval();

    /** Tasks claimed per round. */
    @WithDefault("50")
    int batchSize();

    /** How long a claim is exclusive; an instance that dies loses its claims after this. */
    @WithDefault("60s")
    Duration lease();

    /** Provider retries (429, 5xx, timeouts) before a channel counts as failed. */
    @WithDefault("5")
    int maxRetries();

    /** First retry delay; doubles each time, with full jitter, up to {@link #retryMaxDelay()}. */
    @WithDefault("30s")
    Duration retryBaseDelay();

    @WithDefault("15m")
    Duration retryMaxDelay();

    /** Threads sending in parallel within one instance. */
    @WithDefault("4")
    int senders();

    /**
     * Batches one instance takes through the pipeline at the same time: while one batch waits for its sends or its
     * commit, another is being decided. Batches lock in one fixed order, so they never deadlock with each other.
     */
    @WithDefault("1")
    int pipelines();
}
