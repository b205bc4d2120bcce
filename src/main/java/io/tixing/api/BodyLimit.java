package io.tixing.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Request bodies are limited to 1 MiB, except the streamed uploads (wave NDJSON) that may carry a million lines.
 * A body over the limit is refused before it is read (413); a body of unknown length on a bounded endpoint is
 * refused too (411), since it could only be measured by buffering it.
 */
@ApplicationScoped
public class BodyLimit {

    public static final long MAX_BYTES = 1024 * 1024;

    /** Runs first on every route, before any body is read. */
    void install(@Observes Router router) {
        router.route().order(-100).handler(this::limit);
    }

    void limit(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (!streamed(path) && mayHaveBody(rc)) {
            String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length == null) {
                // Chunked (HTTP/1.1) or unsized (HTTP/2): only a body already fully received is small enough to let through.
                if (!rc.request().isEnded()) {
                    refuse(rc, 411, "length-required", "Length required", "send a Content-Length; bodies are limited to 1 MiB");
                    return;
                }
            } else {
                long bytes;
                try {
                    bytes = Long.parseLong(length.strip());
                } catch (NumberFormatException e) {
                    refuse(rc, 400, "bad-request", "Bad request", "Content-Length is not a number");
                    return;
                }
                if (bytes > MAX_BYTES) {
                    refuse(rc, 413, "too-large", "Body too large", "request bodies are limited to 1 MiB");
                    return;
                }
            }
        }
        rc.next();
    }

    private static boolean streamed(String path) {
        return path.startsWith("/api/v1/waves") || path.startsWith("/api/v1/reminders/batch");
    }

    private static boolean mayHaveBody(RoutingContext rc) {
        return switch (rc.request().method().name()) {
            case "POST", "PUT", "PATCH" -> true;
            default -> false;
        };
    }

    private static void refuse(RoutingContext rc, int status, String type, String title, String detail) {
        rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end("{\"type\":\"" + Problem.BASE + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                        + ",\"detail\":\"" + detail + "\"}");
    }
}
