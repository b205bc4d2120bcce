package io.tixing.reminder;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code POST /api/v1/reminders/batch}. */
@ConfigMapping(prefix = "tixing.reminders.batch")
public interface BatchConfig {

    /** Lines written per transaction (batched statements, one commit); their results are sent once it commits. */
    @WithDefault("1000")
    int chunkSize();

    /** Lines accepted per request; the lines after it are read but refused, with one problem saying which. */
    @WithDefault("1000000")
    long maxLines();
}
