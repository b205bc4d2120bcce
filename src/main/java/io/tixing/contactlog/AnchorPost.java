package io.tixing.contactlog;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends a signed anchor to the lender's evidence store (optional second sink, off by default): HTTPS POST of the
 * anchor JSON, retried with doubling backoff on network errors and 5xx/429. Plain HTTP is accepted for loopback
 * only (a local relay or a test fake). The anchor is signed, so the store need not trust the transport for integrity.
 */
final class AnchorPost {

    private static final Logger LOG = Logger.getLogger(AnchorPost.class);

    private final URI url;
    private final int attempts;
    private final Duration backoff;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AnchorPost(URI url, int attempts, Duration backoff) {
        if (!"https".equals(url.getScheme()) && !("http".equals(url.getScheme()) && loopback(url.getHost()))) {
            throw new IllegalArgumentException("tixing.contact-log.anchor-url must be https (http only for a loopback address): " + url);
        }
        this.url = url;
        this.attempts = Math.max(1, attempts);
        this.backoff = backoff;
    }

    /** Returns the attempt number that succeeded, or 0 when every attempt failed (logged; the folder still holds the anchor). */
    int send(String anchorJson, long seq) {
        Duration wait = backoff;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            String why;
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json").header("Idempotency-Key", "tixing-anchor-" + seq)
                        .POST(HttpRequest.BodyPublishers.ofString(anchorJson)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) return attempt;
                why = "HTTP " + r.statusCode();
                if (r.statusCode() / 100 == 4 && r.statusCode() != 429 && r.statusCode() != 408) {
                    LOG.errorf("evidence store refused anchor %d: %s (not retried)", seq, why);
                    return 0;
                }
            } catch (IOException e) {
                why = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
            LOG.warnf("posting anchor %d to the evidence store failed (attempt %d of %d): %s", seq, attempt, attempts, why);
            if (attempt < attempts) {
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 0;
                }
                wait = wait.multipliedBy(2);
            }
        }
        LOG.errorf("anchor %d did not reach the evidence store after %d attempts", seq, attempts);
        return 0;
    }

    private static boolean loopback(String host) {
        try {
            return host != null && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
