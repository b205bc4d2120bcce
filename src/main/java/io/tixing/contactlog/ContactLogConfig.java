package io.tixing.contactlog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Compliance settings of the contact log: verification, retention and the checkpoint signing key. */
@ConfigMapping(prefix = "tixing.contact-log")
public interface ContactLogConfig {

    /** Cron of the nightly chain verification ("off" disables it). Read by the scheduler annotation. */
    @WithDefault("0 30 3 * * ?")
    String verifyCron();

    /** Cron of the retention purge ("off" disables it). */
    @WithDefault("0 0 4 * * ?")
    String purgeCron();

    /** Retention for entries whose pack is unknown or absent (audit entries): the longest default, to fail safe. */
    @WithDefault("P5Y")
    String defaultRetention();

    /** HMAC key that signs retention checkpoints. When unset, one is generated into {@link #checkpointKeyFile()}. */
    Optional<String> checkpointKey();

    /** Where a generated checkpoint key is kept (readable by the service's user only). */
    @WithDefault("data/contact-log-checkpoint-key")
    String checkpointKeyFile();
}
