package io.tixing.console;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The compliance console is static HTML + vanilla JS under META-INF/resources/console/. This sends the bare
 * {@code /console} to {@code /console/} (so relative asset paths resolve) and gives its pages a strict
 * Content-Security-Policy: scripts only from this origin, no inline script, so a value in the log can never run.
 */
@ApplicationScoped
public class ConsoleRoutes {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    void routes(@Observes Router router) {
        router.route("/console*").order(-100).handler(rc -> {
            String path = rc.normalizedPath();
            if (path.equals("/console")) {
                rc.response().setStatusCode(302).putHeader("Location", "/console/").end();
                return;
            }
            rc.response().putHeader("Content-Security-Policy", CSP).putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer");
            rc.next();
        });
    }
}
