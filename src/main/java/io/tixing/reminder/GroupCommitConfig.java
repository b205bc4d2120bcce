package io.tixing.reminder;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Group commit of single {@code POST /api/v1/reminders}: concurrent requests share one transaction and one commit. */
@ConfigMapping(prefix = "tixing.reminders.group-commit")
public interface GroupCommitConfig {

    /** Off: each request is its own transaction, as before. */
    @WithDefault("true")
    boolean enabled();

    /** How long the first request of a group waits for others before the group is written. */
    @WithDefault("2ms")
    Duration maxWait();

    /** The most requests written in one transaction. */
    @WithDefault("256")
    int maxSize();

    /**
     * Writer threads, each with its own group and transaction: with two, one group's statements run while the other's
     * commit waits for its WAL flush (groups then overlap; each request is still answered only after its own commit).
     */
    @WithDefault("2")
    int writers();
}
