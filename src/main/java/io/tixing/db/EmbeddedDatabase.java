package io.tixing.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server started from Maven Central binaries (zonky), for a fresh machine and for tests.
 * Production points at an external PostgreSQL instead; then this class is never used.
 *
 * <p>Two roles are created: {@code tixing_owner} owns the schema (Flyway migrates as it) and
 * {@code tixing_app} is what the service connects as, without the right to UPDATE or DELETE the contact log.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "tixing";
    public static final String OWNER = "tixing_owner";
    public static final String APP = "tixing_app";
    /** Local-only passwords: the embedded server listens on 127.0.0.1 and its data lives in the user's folder. */
    public static final String OWNER_PASSWORD = "tixing_owner";
    public static final String APP_PASSWORD = "tixing_app";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) { this.postgres = postgres; }

    /**
     * Starts (or restarts on existing data in) {@code dataDir}.
     *
     * @param port 0 for any free port
     */
    public static EmbeddedDatabase start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("unix_socket_directories", "")
                    // Durability stays on: fsync and synchronous_commit keep their defaults.
                    .setPGStartupWait(java.time.Duration.ofSeconds(60));
            if (port > 0) builder.setPort(port);
            EmbeddedDatabase db = new EmbeddedDatabase(builder.start());
            db.ensureDatabaseAndRoles();
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL in " + dataDir, e);
        }
    }

    private void ensureDatabaseAndRoles() {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    DO $$ BEGIN
                      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1$s') THEN
                        CREATE ROLE %1$s LOGIN PASSWORD '%2$s';
                      END IF;
                      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%3$s') THEN
                        CREATE ROLE %3$s LOGIN PASSWORD '%4$s';
                      END IF;
                    END $$""".formatted(OWNER, OWNER_PASSWORD, APP, APP_PASSWORD));
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!rs.next()) s.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare the embedded database", e);
        }
    }

    public int port() { return postgres.getPort(); }

    public String jdbcUrl() { return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE; }

    /** A superuser connection URL, for tests that must act outside the app's rights (e.g. tampering). */
    public String superuserJdbcUrl() { return postgres.getJdbcUrl("postgres", DATABASE); }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
