package io.tixing.db;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Keeps the service's embedded PostgreSQL running: when its postmaster has died (killed, crashed), it is started
 * again on the same data and port and PostgreSQL's crash recovery brings back everything committed. Readiness is
 * DOWN meanwhile (the pool's connections fail); liveness goes DOWN only after
 * {@link EmbeddedDatabaseConfig#restartAttempts()} failed restarts in a row ({@link DatabaseHealth}). Nothing to do
 * with an external PostgreSQL: the pool reconnects when it is back.
 */
@ApplicationScoped
public class EmbeddedDatabaseWatchdog {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabaseWatchdog.class);

    private final EmbeddedDatabaseConfig config;

    public EmbeddedDatabaseWatchdog(EmbeddedDatabaseConfig config) { this.config = config; }

    void onStart(@Observes StartupEvent event) {
        var interval = config.checkInterval();
        if (interval.compareTo(EmbeddedDatabaseConfig.MIN_CHECK) < 0 || interval.compareTo(EmbeddedDatabaseConfig.MAX_CHECK) > 0) {
            throw new IllegalArgumentException("tixing.embedded-db.check-interval must be between 1s and 1m, not " + interval);
        }
        if (config.restartAttempts() < 1) {
            throw new IllegalArgumentException("tixing.embedded-db.restart-attempts must be at least 1, not " + config.restartAttempts());
        }
        EmbeddedDatabase.ofService().ifPresentOrElse(
                db -> LOG.infof("Database: %s; watched every %s", db.describe(), interval),
                () -> LOG.info("Database: external PostgreSQL (its durability is its operator's settings)"));
    }

    @Scheduled(identity = "embedded-db-watchdog", every = "${tixing.embedded-db.check-interval:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        EmbeddedDatabase.ofService().ifPresent(this::keepRunning);
    }

    private void keepRunning(EmbeddedDatabase db) {
        var before = db.state();
        if (before.running() || db.closed()) return;
        LOG.warnf("Embedded PostgreSQL (pid %d) is gone; starting it again on port %d", before.pid(), db.port());
        if (db.ensureRunning()) {
            var after = db.state();
            LOG.infof("Embedded PostgreSQL running again (pid %d, restart %d): %s", after.pid(), after.restarts(), db.durability());
        } else {
            var after = db.state();
            LOG.errorf("Embedded PostgreSQL could not be started again (%d of %d tries): %s", after.failedRestarts(),
                    config.restartAttempts(), after.lastFailure());
        }
    }
}
