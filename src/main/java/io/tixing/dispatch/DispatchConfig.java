package io.tixing.dispatch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "tixing.dispatch")
public interface DispatchConfig {

    /** How often the worker looks for due work ({@code off} to drive it by hand, as tests do). */
    @WithDefault("1s")
    String pollInterval();

    /**
     * Tasks claimed per round. A batch costs a fixed ~25 statements and 3 commits besides two per message
     * (docs/ARCHITECTURE.md "Dispatch pipeline"), so larger batches are cheaper per message; 100 keeps a batch's
     * locks (its borrowers and contact points) short-lived.
     */
    @WithDefault("100")
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

    /**
     * Threads sending in parallel within one instance (each waits for its pacing slot, then for its provider). As many
     * as a batch has messages, so a batch's sandbox inserts share one commit and live sends do not queue behind each other.
     */
    @WithDefault("100")
    int senders();

    /**
     * Batches one instance takes through the pipeline at the same time: while one batch waits for its sends or its
     * commit, another is being decided. Batches lock in one fixed order, so they never deadlock with each other.
     */
    @WithDefault("2")
    int pipelines();
}
