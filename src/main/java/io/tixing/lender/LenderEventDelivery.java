package io.tixing.lender;

import io.quarkus.scheduler.Scheduled;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Delivers pending lender events to the callback URL, signed, with exponential backoff. Events are claimed with
 * FOR UPDATE SKIP LOCKED and a lease (next_attempt_at pushed ahead), so instances never post the same one at once.
 */
@ApplicationScoped
public class LenderEventDelivery {

    private static final Logger LOG = Logger.getLogger(LenderEventDelivery.class);
    static final Duration LEASE = Duration.ofMinutes(2);
    public static final String SIGNATURE_HEADER = "X-Tixing-Signature";

    private record Claimed(long id, String type, String payload, int attempts) {}

    private final Database db;
    private final Clock clock;
    private final LenderConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public LenderEventDelivery(Database db, Clock clock, LenderConfig config) {
        this.db = db;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(identity = "lender-events", every = "${tixing.lender.delivery-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        config.callbackUrl().filter(u -> !u.isBlank()).ifPresent(url -> deliverDue(URI.create(url)));
    }

    /** Delivers every due event once; returns how many were delivered. */
    public int deliverDue(URI target) {
        int delivered = 0;
        for (List<Claimed> batch; !(batch = claim()).isEmpty(); ) {
            for (Claimed e : batch) if (deliver(target, e)) delivered++;
        }
        return delivered;
    }

    private List<Claimed> claim() {
        Instant now = clock.instant();
        return db.inTransaction(c -> {
            List<Claimed> out = new ArrayList<>();
            try (var ps = Sql.prepare(c, """
                    UPDATE lender_event SET next_attempt_at = ? WHERE id IN (
                      SELECT id FROM lender_event WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED)
                    RETURNING id, type, payload::text, attempts""", now.plus(LEASE), now); var rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
            }
            return out;
        });
    }

    private boolean deliver(URI target, Claimed e) {
        String error;
        try {
            var request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("X-Tixing-Event", e.type())
                    .header("X-Tixing-Delivery", Long.toString(e.id()));
            config.callbackSecret().filter(s -> !s.isBlank()).ifPresent(secret -> request.header(SIGNATURE_HEADER, sign(secret, e.payload())));
            var response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(e.payload(), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                settle(e, "DELIVERED", null, null);
                return true;
            }
            error = "HTTP " + response.statusCode();
        } catch (java.io.IOException | IllegalArgumentException ex) {
            error = ex.getClass().getSimpleName() + ": " + ex.getMessage();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        int attempts = e.attempts() + 1;
        boolean giveUp = attempts >= config.maxAttempts();
        long delay = Math.min(config.retryMaxDelay().toMillis(), config.retryBaseDelay().toMillis() << Math.min(attempts - 1, 20));
        LOG.warnf("lender event %d (%s) not delivered (%s); %s", e.id(), e.type(), error, giveUp ? "giving up" : "retrying in " + delay + " ms");
        settle(e, giveUp ? "FAILED" : "PENDING", error, giveUp ? null : clock.instant().plusMillis(delay));
        return false;
    }

    private void settle(Claimed e, String status, String error, Instant next) {
        Instant now = clock.instant();
        db.inTransaction(c -> Sql.update(c, """
                UPDATE lender_event SET status = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
                  delivered_at = CASE WHEN ? = 'DELIVERED' THEN ? ELSE delivered_at END WHERE id = ?""",
                status, error, next, status, now, e.id()));
    }

    /** {@code sha256=<hex HMAC-SHA256 of the exact body bytes>}: the lender recomputes it with the shared secret. */
    public static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
