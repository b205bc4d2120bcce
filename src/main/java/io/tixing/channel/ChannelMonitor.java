package io.tixing.channel;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.tixing.policy.ChannelType;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Provider health and per-channel metrics: sends by provider and result, latency, and a readiness check that turns DOWN
 * while a channel's provider keeps failing transiently (3 in a row), and UP again with its first success. The SMS
 * providers' circuit breakers are shown one by one ({@code SMS.aliyun: circuit CLOSED}); readiness is DOWN only when
 * every SMS provider's circuit is open.
 */
@ApplicationScoped
public class ChannelMonitor {

    static final int DEGRADED_AFTER = 3;

    private final MeterRegistry registry;
    private final ChannelRegistry channels;
    private final Map<ChannelType, AtomicInteger> transientStreak = new EnumMap<>(ChannelType.class);

    public ChannelMonitor(MeterRegistry registry, ChannelRegistry channels) {
        this.registry = registry;
        this.channels = channels;
        for (ChannelType type : ChannelType.values()) transientStreak.put(type, new AtomicInteger());
    }

    public void record(ChannelType type, SendResult result, Duration latency) {
        String outcome = switch (result) {
            case SendResult.Accepted a -> "sent";
            case SendResult.Rejected r -> "rejected";
            case SendResult.RetryLater r -> "retry";
            case SendResult.Unknown u -> "unknown";
        };
        String mode = channels.forType(type).mode();
        String provider = result.provider() == null ? mode : result.provider();
        registry.counter("tixing.channel.sends", "channel", type.name(), "mode", mode, "provider", provider, "result", outcome).increment();
        // A histogram (buckets 5 ms .. 30 s), so p50/p95/p99 can be taken across instances with histogram_quantile.
        Timer.builder("tixing.channel.latency").tag("channel", type.name()).tag("mode", mode)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(5)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry).record(latency);
        if (result instanceof SendResult.RetryLater || result instanceof SendResult.Unknown) transientStreak.get(type).incrementAndGet();
        else transientStreak.get(type).set(0);
    }

    HealthCheckResponse health() {
        var builder = HealthCheckResponse.named("Channels").up();
        for (ChannelType type : ChannelType.values()) {
            int streak = transientStreak.get(type).get();
            String state = streak >= DEGRADED_AFTER ? "DEGRADED (" + streak + " transient failures in a row)" : "OK";
            builder.withData(type.name(), channels.forType(type).mode() + ": " + state);
            if (streak >= DEGRADED_AFTER) builder.down();
        }
        // Each SMS provider's circuit: one open is covered by the other provider; all open means SMS cannot go out.
        channels.smsRouting().ifPresent(sms -> {
            var circuits = sms.circuits();
            circuits.forEach((provider, state) -> builder.withData("SMS." + provider, "circuit " + state));
            if (!circuits.isEmpty() && circuits.values().stream().allMatch(s -> s == CircuitBreakerState.OPEN)) builder.down();
        });
        return builder.build();
    }
}
