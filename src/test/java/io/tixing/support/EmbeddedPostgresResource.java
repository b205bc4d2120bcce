package io.tixing.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tixing.db.EmbeddedDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/** A real PostgreSQL for the test run, in a temporary folder, with the same two roles production uses. */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedDatabase database;

    @Override
    public synchronized Map<String, String> start() {
        if (database == null) {
            try {
                database = EmbeddedDatabase.start(Files.createTempDirectory("tixing-test-pg").resolve("postgres"), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", EmbeddedDatabase.APP,
                "quarkus.datasource.password", database.credentials().app(),
                "quarkus.flyway.username", EmbeddedDatabase.OWNER,
                "quarkus.flyway.password", database.credentials().owner());
    }

    @Override
    public void stop() {
        // Kept for the whole JVM: every Quarkus test application in this run shares one server.
    }

    /** The running server, for tests that must act outside the app's rights (e.g. as superuser). */
    public static EmbeddedDatabase database() { return database; }
}
