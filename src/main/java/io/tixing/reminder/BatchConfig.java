package io.tixing.reminder;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code POST /api/v1/reminders/batch}. */
@ConfigMapping(prefix = "tixing.reminders.batch")
public interface BatchConfig {

    /** Lines written per transaction (batched statements, one commit); their results are sent once it commits. */
    @WithDefault("1000")
    int chunkSize();

    /**
     * Chunks of one batch written at once, each in its own transaction on its own connection, while the next is read.
     * Answers stay in line order and each chunk is answered only after its own commit; two let two database backends
     * work at once (a single one is the batch's bottleneck: docs/PERFORMANCE.md, "Bulk intake"). A chunk that writes a
     * borrower or a requestId of a chunk still in flight waits for it, so facts and first uses keep line order.
     * 1 = strictly one chunk after the other.
     */
    @WithDefault("2")
    int chunksInFlight();

    /** Lines accepted per request; the lines after it are read but refused, with one problem saying which. */
    @WithDefault("1000000")
    long maxLines();
}
