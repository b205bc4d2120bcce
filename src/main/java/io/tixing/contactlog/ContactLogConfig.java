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

    /** How often every chain's state is signed and written as an anchor ("off" disables; one is also written at shutdown). */
    @WithDefault("5m")
    String anchorInterval();

    /** The Ed25519 key pair that signs anchors; generated on first start (mode 0600). Keep it apart from database backups. */
    @WithDefault("data/contact-log-anchor-key")
    String anchorKeyFile();

    /** The append-only folder of anchor files (one file per anchor, never rewritten). */
    @WithDefault("data/anchors")
    String anchorDir();

    /** Optional HTTPS endpoint of the lender's evidence store; each anchor is also POSTed there. Off when unset. */
    Optional<String> anchorUrl();

    /** Attempts per anchor POST (network errors, 5xx, 429 are retried). */
    @WithDefault("5")
    int anchorPostAttempts();

    /** Wait before the first retry of an anchor POST; doubled each time. */
    @WithDefault("PT2S")
    java.time.Duration anchorPostBackoff();

    /** Cron of the job that creates monthly contact_log partitions ahead ("off" disables; it also runs at start). */
    @WithDefault("0 15 0 * * ?")
    String partitionCron();

    /** Months created ahead of the current one. */
    @WithDefault("2")
    int partitionsAhead();
}
