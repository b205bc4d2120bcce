package io.tixing.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;

/**
 * A body declared larger than {@code quarkus.http.limits.max-body-size} is refused with a 413 problem+json before it
 * is read (the HTTP layer's own refusal has an empty body, which breaks the "every error is problem+json" contract).
 */
@Singleton
public class BodyLimit {

    void install(@Observes Router router, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        long max = limit.asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long declared;
            try {
                declared = length == null ? -1 : Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared > max) {
                ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end("{\"type\":\"" + Problem.BASE + "too-large\",\"title\":\"Body too large\",\"status\":413,"
                                + "\"detail\":\"request bodies are limited to " + max + " bytes\",\"errors\":[]}");
                return;
            }
            ctx.next();
        });
    }
}
