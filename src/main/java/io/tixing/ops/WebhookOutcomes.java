package io.tixing.ops;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Counts provider webhooks by endpoint and outcome from the answer the gateway gave, so the counters agree with what
 * the provider saw (a bad signature is a 403 to Twilio and {@code bad_signature} here) without the handlers knowing.
 */
@Provider
public class WebhookOutcomes implements ContainerResponseFilter {

    private static final String PREFIX = "webhooks/twilio/";

    private final MeterRegistry registry;

    public WebhookOutcomes(MeterRegistry registry) { this.registry = registry; }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/")) path = path.substring(1);
        if (!path.startsWith(PREFIX)) return;
        String rest = path.substring(PREFIX.length());
        String endpoint = rest.startsWith("voice") ? "voice" : rest.startsWith("inbound") ? "inbound" : rest.startsWith("status") ? "status" : "other";
        registry.counter("tixing.webhooks", "provider", "twilio", "endpoint", endpoint, "outcome", outcome(response.getStatus())).increment();
    }

    static String outcome(int status) {
        if (status < 300) return "handled";
        if (status == 401 || status == 403) return "bad_signature";
        if (status == 404) return "not_found";
        if (status < 500) return "invalid";
        return "error";
    }
}
