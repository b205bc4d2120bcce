package io.tixing.channel.sms;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.tixing.channel.Channel;
import io.tixing.channel.OutboundMessage;
import io.tixing.channel.ProviderLookup;
import io.tixing.channel.Recheck;
import io.tixing.channel.SendResult;
import io.tixing.channel.SendResult.Failure;
import io.tixing.policy.ChannelType;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live SMS channel: routes each number to its primary provider and, when that provider is down (5xx, unreachable,
 * its circuit open) or cannot carry the message, to the secondary — inside the channel, before dispatch would fall
 * back to another channel. On a route with two providers each call runs through the provider's own SmallRye Fault
 * Tolerance circuit breaker (a route with one provider calls it directly): after
 * {@code failureRatio} of the last {@code requestVolume} calls failed, the provider gets no traffic for {@code delay},
 * then one trial call.
 *
 * <p>Never two messages for one attempt: a provider that may have received the request (read timeout) answers
 * {@link SendResult.Unknown} and is never failed over; each provider carries our attempt id (Alibaba's OutId,
 * Twilio's StatusCallback URL). Before the secondary sends, the policy is asked again ({@link Recheck}): the send is
 * now later than the decision. Results carry the provider that answered and, after a failover, what the first said.
 */
public final class RoutedSmsChannel implements Channel {

    private static final Logger LOG = Logger.getLogger(RoutedSmsChannel.class);

    /** Circuit breaker settings (see {@code tixing.sms.circuit.*}). */
    public record CircuitSettings(int requestVolume, double failureRatio, Duration delay) {}

    private final Map<String, SmsProvider> providers = new LinkedHashMap<>();
    private final Map<String, TypedGuard<SmsProvider.Answer>> guards = new LinkedHashMap<>();
    private final Map<String, CircuitBreakerState> states = new ConcurrentHashMap<>();
    private final SmsRoutes routes;
    private final CircuitSettings circuit;
    private final Clock clock;
    private final MeterRegistry metrics;

    /** @param metrics null in tests of the channel alone */
    public RoutedSmsChannel(List<SmsProvider> providers, SmsRoutes routes, CircuitSettings circuit, Clock clock, MeterRegistry metrics) {
        this.routes = Objects.requireNonNull(routes);
        this.circuit = Objects.requireNonNull(circuit);
        this.clock = Objects.requireNonNull(clock);
        this.metrics = metrics;
        for (SmsProvider p : providers) {
            String name = p.name();
            this.providers.put(name, p);
            states.put(name, CircuitBreakerState.CLOSED);
            guards.put(name, TypedGuard.create(SmsProvider.Answer.class)
                    .withDescription("SMS provider " + name)
                    .withCircuitBreaker()
                    .requestVolumeThreshold(circuit.requestVolume())
                    .failureRatio(circuit.failureRatio())
                    .delay(circuit.delay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(1)
                    .onStateChange(state -> {
                        states.put(name, state);
                        LOG.infof("SMS provider %s: circuit %s", name, state);
                    })
                    .done()
                    .build());
            if (metrics != null) {
                metrics.gauge("tixing.sms.provider.circuit", Tags.of("provider", name), states,
                        s -> switch (s.get(name)) { case CLOSED -> 0; case HALF_OPEN -> 1; case OPEN -> 2; });
            }
        }
    }

    @Override
    public ChannelType type() { return ChannelType.SMS; }

    @Override
    public String mode() { return "live"; }

    @Override
    public SendResult send(OutboundMessage message) { return send(message, Recheck.NONE); }

    @Override
    public SendResult send(OutboundMessage message, Recheck recheck) {
        List<String> route = routes.providersFor(message.destination());
        if (route.isEmpty()) {
            return new SendResult.Rejected(Failure.PERMANENT, "NO_SMS_ROUTE", "no configured SMS provider routes this number (tixing.sms.routes)");
        }
        String first = route.getFirst();
        // The circuit serves failover: with no other provider on the route the dispatcher's own retry backoff paces
        // a failing provider, and an open circuit would only turn its next tries into retries without trying.
        SmsProvider.Answer answer = route.size() > 1 ? call(first, message) : direct(first, message);
        if (!answer.tryAnother() || route.size() < 2) return answer.result().via(first, null);

        String second = route.get(1);
        String what = first + " answered " + describe(answer.result());
        String blocked = recheck.blockedAt(clock.instant());
        if (blocked != null) {
            count("tixing.sms.failovers", "from", first, "to", second, "result", "blocked");
            String why = what + "; failover to " + second + " blocked by policy: " + blocked;
            return new SendResult.RetryLater(blocked, retryAfter(answer.result()), why).via(first, why);
        }
        SmsProvider.Answer again = call(second, message);
        count("tixing.sms.failovers", "from", first, "to", second, "result", "sent");
        LOG.infof("attempt %s: %s; failed over to %s", message.attemptId(), what, second);
        return again.result().via(second, what + "; failed over to " + second);
    }

    /**
     * Asks every provider on the number's route. Found at one → Found; certainly absent at all → NotFound; otherwise
     * (a lookup failed and none found it) → Unknown.
     */
    @Override
    public ProviderLookup lookup(UUID attemptId, String destination, Instant sentAt) {
        List<String> route = routes.providersFor(destination);
        if (route.isEmpty()) return new ProviderLookup.Unknown("no configured SMS provider routes this number");
        StringBuilder unknown = new StringBuilder();
        for (String name : route) {
            ProviderLookup answer = providers.get(name).lookup(attemptId, destination, sentAt);
            switch (answer) {
                case ProviderLookup.Found found -> {
                    return found;
                }
                case ProviderLookup.NotFound notFound -> { }
                case ProviderLookup.Unknown u -> unknown.append(unknown.isEmpty() ? "" : "; ").append(name).append(": ").append(u.why());
            }
        }
        return unknown.isEmpty() ? new ProviderLookup.NotFound() : new ProviderLookup.Unknown(unknown.toString());
    }

    @Override
    public ProviderLookup lookup(UUID attemptId) {
        return new ProviderLookup.Unknown("SMS providers are searched by destination and time; no destination given");
    }

    /** Circuit state per provider, in configuration order (health and tests). */
    public Map<String, CircuitBreakerState> circuits() {
        Map<String, CircuitBreakerState> out = new LinkedHashMap<>();
        providers.keySet().forEach(n -> out.put(n, states.get(n)));
        return out;
    }

    public SmsRoutes routes() { return routes; }

    /** The provider of this name, if configured (the receipt poll asks Alibaba Cloud directly). */
    public SmsProvider provider(String name) { return providers.get(name); }

    private SmsProvider.Answer direct(String name, OutboundMessage message) {
        SmsProvider.Answer answer;
        try {
            answer = providers.get(name).attempt(message);
        } catch (RuntimeException e) {
            answer = new SmsProvider.Answer(new SendResult.RetryLater("EXCEPTION", Duration.ZERO, e.toString()), true, false);
        }
        count("tixing.sms.provider.sends", "provider", name, "result", outcome(answer.result()));
        return answer;
    }

    private SmsProvider.Answer call(String name, OutboundMessage message) {
        SmsProvider provider = providers.get(name);
        SmsProvider.Answer answer;
        try {
            answer = guards.get(name).call(() -> {
                SmsProvider.Answer a = provider.attempt(message);
                if (a.providerFault()) throw new ProviderFault(a); // counts against the circuit
                return a;
            });
        } catch (ProviderFault f) {
            answer = f.answer;
        } catch (CircuitBreakerOpenException e) {
            answer = SmsProvider.Answer.outage(new SendResult.RetryLater("CIRCUIT_OPEN", circuit.delay(),
                    name + " not called: its circuit is open after repeated failures"));
        } catch (Exception e) {
            // An adapter that throws broke its contract; what it did is unknown, so no other provider sends.
            answer = new SmsProvider.Answer(new SendResult.RetryLater("EXCEPTION", Duration.ZERO, e.toString()), true, false);
        }
        count("tixing.sms.provider.sends", "provider", name, "result", outcome(answer.result()));
        return answer;
    }

    private void count(String meter, String... tags) {
        if (metrics != null) metrics.counter(meter, tags).increment();
    }

    private static String outcome(SendResult r) {
        return switch (r) {
            case SendResult.Accepted a -> "sent";
            case SendResult.Rejected x -> "rejected";
            case SendResult.RetryLater x -> "retry";
            case SendResult.Unknown x -> "unknown";
        };
    }

    private static String describe(SendResult r) {
        return switch (r) {
            case SendResult.Accepted a -> "accepted " + a.providerId();
            case SendResult.Rejected x -> x.errorCode() + " (" + x.detail() + ")";
            case SendResult.RetryLater x -> x.errorCode() + " (" + x.detail() + ")";
            case SendResult.Unknown x -> x.errorCode() + " (" + x.detail() + ")";
        };
    }

    private static Duration retryAfter(SendResult r) {
        return r instanceof SendResult.RetryLater later ? later.retryAfter() : Duration.ZERO;
    }

    private static final class ProviderFault extends RuntimeException {
        final SmsProvider.Answer answer;

        ProviderFault(SmsProvider.Answer answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }
}
