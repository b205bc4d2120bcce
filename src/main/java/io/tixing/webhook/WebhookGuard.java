package io.tixing.webhook;

import io.tixing.api.Problem;
import io.tixing.api.ProblemException;
import io.tixing.channel.ChannelRegistry;
import io.tixing.channel.twilio.TwilioSignature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;

/**
 * Every Twilio webhook must carry a valid {@code X-Twilio-Signature}, computed over the configured public URL
 * (never the Host header, which a caller controls) and the POST parameters. Anything else is 403 and a log line.
 */
@ApplicationScoped
public class WebhookGuard {

    private static final Logger LOG = Logger.getLogger(WebhookGuard.class);

    private final TwilioSignature signature;

    public WebhookGuard(ChannelRegistry channels) {
        this.signature = channels.twilio()
                .filter(t -> t.webhookBaseUrl() != null)
                .map(t -> new TwilioSignature(t.authToken(), t.webhookBaseUrl()))
                .orElse(null);
    }

    public void verify(UriInfo uri, MultivaluedMap<String, String> form, String header) {
        String pathAndQuery = uri.getRequestUri().getRawPath()
                + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery());
        if (signature == null) {
            LOG.warnf("webhook %s refused: Twilio auth token or webhook base URL not configured", uri.getPath());
            throw forbidden();
        }
        if (header == null || !signature.isValid(pathAndQuery, Map.copyOf(form == null ? Map.<String, List<String>>of() : form), header)) {
            LOG.warnf("webhook %s refused: invalid X-Twilio-Signature", uri.getPath());
            throw forbidden();
        }
    }

    private static ProblemException forbidden() {
        return new ProblemException(Problem.of(403, "bad-signature", "Forbidden", "missing or invalid X-Twilio-Signature"));
    }
}
