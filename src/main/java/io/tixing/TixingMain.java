package io.tixing;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.tixing.db.EmbeddedDatabase;

import java.nio.file.Path;

/**
 * Starts an embedded PostgreSQL under {@code ./data} when no external database is configured, then the service.
 * A server left running on the same folder by a killed service is stopped first, and the port of the last start is
 * reused, so the same command works again after {@code kill -9}.
 * Set {@code QUARKUS_DATASOURCE_JDBC_URL} (or {@code -Dquarkus.datasource.jdbc.url}) to use an external
 * PostgreSQL; nothing embedded starts then.
 */
@QuarkusMain
public final class TixingMain {

    private TixingMain() {}

    public static void main(String... args) {
        EmbeddedDatabase embedded = null;
        if (setting("quarkus.datasource.jdbc.url") == null) {
            Path dataDir = Path.of(orDefault(setting("tixing.embedded-db.data-dir"), "data/postgres"));
            int port = Integer.parseInt(orDefault(setting("tixing.embedded-db.port"), "0"));
            embedded = EmbeddedDatabase.start(dataDir, port);
            useEmbedded(embedded);
            EmbeddedDatabase.serveWith(embedded);
            System.out.println("Tixing: " + embedded.describe());
        }
        try {
            Quarkus.run(args);
        } finally {
            if (embedded != null) embedded.close();
        }
    }

    /**
     * Points the datasource (app role) and Flyway (owner role) at the embedded server, with the passwords generated
     * for its data folder. Its port and passwords never change while it runs, so the pool reconnects to the same
     * place when the watchdog has started it again.
     */
    public static void useEmbedded(EmbeddedDatabase db) {
        System.setProperty("quarkus.datasource.jdbc.url", db.jdbcUrl());
        System.setProperty("quarkus.datasource.username", EmbeddedDatabase.APP);
        System.setProperty("quarkus.datasource.password", db.credentials().app());
        System.setProperty("quarkus.flyway.username", EmbeddedDatabase.OWNER);
        System.setProperty("quarkus.flyway.password", db.credentials().owner());
    }

    private static String setting(String key) {
        String value = System.getProperty(key);
        if (value == null) value = System.getenv(key.toUpperCase().replaceAll("[^A-Z0-9]", "_"));
        return value == null || value.isBlank() ? null : value;
    }

    private static String orDefault(String value, String fallback) { return value == null ? fallback : value; }
}
