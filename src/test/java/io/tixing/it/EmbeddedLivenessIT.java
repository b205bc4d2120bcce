package io.tixing.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Liveness says "restart me" only when the service cannot bring its embedded PostgreSQL back by itself: here the
 * server is killed after its configuration was broken, so every restart fails; after {@code restart-attempts}
 * failures liveness is DOWN. Once the configuration is repaired the watchdog's next try succeeds and both
 * liveness and readiness are UP again, in the same process.
 */
class EmbeddedLivenessIT {

    @Test
    void liveness_goes_down_only_after_the_configured_number_of_failed_restarts_and_comes_back_with_the_database() throws Exception {
        Path data = GatewayProcess.tempDir("tixing-liveness");
        EmbeddedFolder folder = new EmbeddedFolder(data);
        try (GatewayProcess gateway = GatewayProcess.startEmbedded(data, GatewayProcess.freeHttpPort(), "liveness", Duration.ofSeconds(120),
                "-Dtixing.embedded-db.check-interval=1s", "-Dtixing.embedded-db.restart-attempts=3")) {
            Path conf = data.resolve("postgresql.conf");
            String good = Files.readString(conf);
            // The running server does not reread its file; the next start will, and refuse the value.
            Files.writeString(conf, "\nshared_buffers = 'not a size'\n", StandardOpenOption.APPEND);
            EmbeddedFolder.kill9(folder.postmasterPid());

            boolean liveWhileRetrying = false;
            int live = 200;
            for (int i = 0; i < 300 && (live = gateway.get("/q/health/live").statusCode()) == 200; i++) {
                if (gateway.get("/q/health/ready").statusCode() == 503) liveWhileRetrying = true;
                GatewayProcess.sleep(100);
            }
            assertThat(liveWhileRetrying).as("readiness DOWN while liveness is still UP").isTrue();
            assertThat(live).as("liveness DOWN after 3 failed restarts\n" + gateway.tail()).isEqualTo(503);
            String body = gateway.get("/q/health/live").body();
            var failed = java.util.regex.Pattern.compile("\"failedRestarts\"\\s*:\\s*(\\d+)").matcher(body);
            assertThat(body).contains("Embedded PostgreSQL");
            assertThat(failed.find() ? Integer.parseInt(failed.group(1)) : -1).as(body).isGreaterThanOrEqualTo(3);
            assertThat(gateway.alive()).isTrue();

            Files.writeString(conf, good);
            for (int i = 0; i < 300 && gateway.get("/q/health/ready").statusCode() != 200; i++) GatewayProcess.sleep(100);
            assertThat(gateway.get("/q/health/ready").statusCode()).as("ready again once it can start").isEqualTo(200);
            assertThat(gateway.get("/q/health/live").statusCode()).isEqualTo(200);
            assertThat(folder.durability().values()).containsOnly("on");
        }
        folder.deleteAll();
    }
}
