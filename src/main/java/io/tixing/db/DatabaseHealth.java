package io.tixing.db;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The embedded PostgreSQL in {@code /q/health}. Readiness: DOWN while its server is not running (dead, or being
 * started again). Liveness: DOWN only once the watchdog has failed to start it {@code restart-attempts} times in a
 * row, i.e. when only restarting the whole service can help. With an external PostgreSQL both say so and stay UP;
 * the datasource's own readiness check reports whether it can be reached.
 */
public final class DatabaseHealth {

    private DatabaseHealth() {}

    static final String NAME = "Embedded PostgreSQL";

    @Readiness
    @ApplicationScoped
    public static class Ready implements HealthCheck {
        @Override
        public HealthCheckResponse call() {
            return EmbeddedDatabase.ofService().map(db -> {
                var s = db.state();
                return HealthCheckResponse.named(NAME).status(s.running() && !s.restarting())
                        .withData("port", db.port()).withData("pid", s.pid()).withData("restarts", s.restarts())
                        .withData("state", s.restarting() ? "restarting" : s.running() ? "running" : "down").build();
            }).orElseGet(() -> HealthCheckResponse.named(NAME).up().withData("state", "not used (external PostgreSQL)").build());
        }
    }

    @Liveness
    @ApplicationScoped
    public static class Live implements HealthCheck {
        private final EmbeddedDatabaseConfig config;

        public Live(EmbeddedDatabaseConfig config) { this.config = config; }

        @Override
        public HealthCheckResponse call() {
            return EmbeddedDatabase.ofService().map(db -> {
                var s = db.state();
                var b = HealthCheckResponse.named(NAME).status(s.failedRestarts() < config.restartAttempts())
                        .withData("failedRestarts", s.failedRestarts()).withData("restartAttempts", config.restartAttempts());
                if (s.lastFailure() != null) b.withData("lastFailure", s.lastFailure());
                return b.build();
            }).orElseGet(() -> HealthCheckResponse.named(NAME).up().withData("state", "not used (external PostgreSQL)").build());
        }
    }
}
