package io.tixing.stats;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The dashboard's rollup of the contact log (docs/CONTACT-LOG.md, "Stats rollup"). */
@ConfigMapping(prefix = "tixing.stats")
public interface StatsConfig {

    /** How often new contact-log entries are added to the rollup ("off" disables; the stats stay exact, only slower). */
    @WithDefault("1m")
    String rollupEvery();

    /** At most this many positions per chain in one rollup transaction (a backlog is rolled in several). */
    @WithDefault("200000")
    int rollupBatch();
}
