package io.tixing.wave;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** {@code GET /api/v1/waves/{id}}: where every accepted recipient stands, and how fast the wave is going. */
@ApplicationScoped
public class WaveProgress {

    /** Throughput is averaged over this window. */
    static final Duration WINDOW = Duration.ofMinutes(5);

    public record Suppressed(long total, Map<String, Long> byReason) {}

    public record Counts(long queued, long deferred, long sending, long sent, long delivered, long failed, Suppressed suppressed,
                         long expired, long cancelled, long pending, long staged) {}

    public record Throughput(double sentPerMinute, int overLastMinutes, Instant eta) {}

    /**
     * {@code staged} recipients are accepted but not planned yet (no reminder yet); they are counted in {@code pending}.
     *
     * @param reconciled accepted = sent + delivered + failed + suppressed + expired + cancelled + pending; false would
     *                   mean a recipient was lost, which the single-transaction writes are there to prevent
     */
    public record View(UUID id, String name, String state, String cron, long accepted, long invalid, Counts counts, boolean reconciled,
                       Throughput throughput, Instant createdAt) {}

    private final Clock clock;
    private final WaveRepository waves;

    public WaveProgress(Clock clock, WaveRepository waves) {
        this.clock = clock;
        this.waves = waves;
    }

    public View of(WaveRepository.Wave wave) {
        Map<String, Long> s = new java.util.HashMap<>(waves.statusCounts(wave.id()));
        long staged = s.getOrDefault(WaveRepository.STAGED, 0L);
        long accepted = s.getOrDefault(WaveRepository.ACCEPTED, wave.accepted());
        s.remove(WaveRepository.STAGED);
        s.remove(WaveRepository.ACCEPTED);
        long queued = s.getOrDefault("QUEUED", 0L), deferred = s.getOrDefault("DEFERRED", 0L), sending = s.getOrDefault("SENDING", 0L);
        long sent = s.getOrDefault("SENT", 0L), delivered = s.getOrDefault("DELIVERED", 0L), failed = s.getOrDefault("FAILED", 0L);
        long suppressed = s.getOrDefault("SUPPRESSED", 0L), expired = s.getOrDefault("EXPIRED", 0L);
        long cancelled = s.getOrDefault("CANCELLED", 0L);
        long pending = queued + deferred + sending + staged;
        long total = s.values().stream().mapToLong(Long::longValue).sum() + staged;
        var counts = new Counts(queued, deferred, sending, sent, delivered, failed,
                new Suppressed(suppressed, suppressed == 0 ? Map.of() : waves.suppressedByReason(wave.id())), expired, cancelled, pending,
                staged);
        boolean reconciled = accepted == sent + delivered + failed + suppressed + expired + cancelled + pending && total == accepted;
        Instant now = clock.instant();
        double perMinute = waves.sentSince(wave.id(), now.minus(WINDOW)) / (double) WINDOW.toMinutes();
        Instant eta = pending == 0 ? now : perMinute > 0 ? now.plusSeconds((long) Math.ceil(pending / perMinute * 60)) : null;
        return new View(wave.id(), wave.name(), wave.state().name(), wave.cron(), accepted, wave.invalid(), counts, reconciled,
                new Throughput(perMinute, (int) WINDOW.toMinutes(), eta), wave.createdAt());
    }
}
