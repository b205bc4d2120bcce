package io.tixing.db;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The embedded PostgreSQL (used when no {@code quarkus.datasource.jdbc.url} is set). {@code data-dir} and {@code port}
 * are read by {@code TixingMain} before the service starts (system property or environment variable); they are
 * declared here so they are documented and recognised.
 */
@ConfigMapping(prefix = "tixing.embedded-db")
public interface EmbeddedDatabaseConfig {

    Duration MIN_CHECK = Duration.ofSeconds(1); // the Quarkus scheduler runs nothing more often
    Duration MAX_CHECK = Duration.ofMinutes(1);

    /** The PostgreSQL data directory; its passwords and port are kept next to it. */
    @WithDefault("data/postgres")
    String dataDir();

    /** 0: the port kept from the last start (a free one on the first). */
    @WithDefault("0")
    int port();

    /**
     * How often the watchdog checks that the server's postmaster is alive, between 1 s and 1 min: it bounds how
     * long the service stays not-ready after PostgreSQL dies.
     */
    @WithDefault("2s")
    Duration checkInterval();

    /** Failed restarts in a row after which liveness goes DOWN (so an orchestrator restarts the whole service). */
    @WithDefault("5")
    int restartAttempts();
}
