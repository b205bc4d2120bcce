package io.tixing.api;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.tixing.db.EmbeddedDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A PostgreSQL of its own (not the one the other tests share) that a test can stop and start again on the same data
 * folder and port, where the running service expects it: an outage and a recovery, as an operator would see them.
 */
public class StoppableDatabase implements QuarkusTestResourceLifecycleManager {

    static Path data;
    static int port;
    static EmbeddedDatabase database;

    @Override
    public Map<String, String> start() {
        try {
            data = Files.createTempDirectory("tixing-outage-pg");
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        startServer();
        return Map.of(
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", EmbeddedDatabase.APP,
                "quarkus.datasource.password", database.credentials().app(),
                "quarkus.flyway.username", EmbeddedDatabase.OWNER,
                "quarkus.flyway.password", database.credentials().owner());
    }

    /** Shuts the server down (a fast shutdown: open sessions are cut, uncommitted work is discarded). */
    static synchronized void stopServer() {
        if (database != null) database.close();
        database = null;
    }

    static synchronized void startServer() {
        if (database == null) database = EmbeddedDatabase.start(data, port);
    }

    @Override
    public void stop() { stopServer(); }

    /** This database only, plus a Twilio token and public URL so webhooks can be signed; a retry hint of 7 s. */
    public static class Profile implements QuarkusTestProfile {
        public static final String TOKEN = "outage-auth-token";
        public static final String WEBHOOK_BASE = "https://gw.outage.test";

        @Override
        public boolean disableGlobalTestResources() { return true; }

        @Override
        public List<TestResourceEntry> testResources() { return List.of(new TestResourceEntry(StoppableDatabase.class)); }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tixing.api.outage-retry-after", "7s",
                    "tixing.twilio.account-sid", "AC22222222222222222222222222222222",
                    "tixing.twilio.auth-token", TOKEN,
                    "tixing.twilio.messaging-service-sid", "MG22222222222222222222222222222222",
                    "tixing.twilio.webhook-base-url", WEBHOOK_BASE,
                    "tixing.channels.sms", "sandbox",
                    "tixing.channels.email", "sandbox",
                    "tixing.channels.voice", "sandbox");
        }
    }
}
