package io.tixing.wave;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.dispatch.PacingConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.sql.SQLException;
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

    /**
     * @param eta when the last pending recipient is expected to be handed to the provider, from the recipients' own due
     *            instants (a deferred one at its next lawful instant) and the pacing; null when nothing is pending or
     *            the wave is paused or cancelled
     */
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
    private final Database db;
    private final PacingConfig pacing;
    private final ObjectMapper json;

    public WaveProgress(Clock clock, WaveRepository waves, Database db, PacingConfig pacing, ObjectMapper json) {
        this.clock = clock;
        this.waves = waves;
        this.db = db;
        this.pacing = pacing;
        this.json = json;
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
        // Not "pending / recent rate from now": that slides with the clock while recipients wait for a lawful hour.
        // A paused or cancelled wave has no finish to expect until it is resumed.
        boolean running = wave.state() == WaveRepository.State.ACTIVE || wave.state() == WaveRepository.State.LOADING;
        Instant eta = pending == 0 || !running ? null : eta(wave.id(), now);
        return new View(wave.id(), wave.name(), wave.state().name(), wave.cron(), accepted, wave.invalid(), counts, reconciled,
                new Throughput(perMinute, (int) WINDOW.toMinutes(), eta), wave.createdAt());
    }

    /**
     * The instant the last pending recipient is due to go out. Each channel lane is a queue served one message per
     * 1/rate seconds (the slower of the wave's pacing and the channel's configured pacing; unpaced = no wait): with the
     * due instants d1 <= ... <= dn (never before now), the last hand-off is at max over i of (di + (n - i) / rate). The
     * due instants are grouped by second, which keeps the answer within a second on a million recipients.
     * Leased tasks (being sent now) count as due now.
     */
    Instant eta(UUID waveId, Instant now) {
        return db.read(c -> {
            WaveHeader header = null;
            try (var ps = Sql.prepare(c, "SELECT header::text FROM wave WHERE id = ?", waveId); var rs = ps.executeQuery()) {
                if (rs.next()) header = header(rs.getString(1));
            }
            String stagedLane = header == null || header.channels() == null || header.channels().isEmpty() ? "SMS" : WavePlanner.lane(header);
            Instant eta = null;
            try (var ps = Sql.prepare(c, """
                    WITH pending AS (
                        SELECT t.channels[t.channel_index + 1] AS lane, CASE WHEN t.state = 'PENDING' THEN greatest(t.due_at, ?) ELSE ? END AS due
                        FROM dispatch_task t JOIN reminder r ON r.id = t.reminder_id
                        WHERE r.wave_id = ? AND t.state <> 'DONE'
                        UNION ALL
                        SELECT ?, greatest(s.due_at, ?) FROM wave_staged s WHERE s.wave_id = ?
                    ), buckets AS (
                        SELECT lane, date_trunc('second', due) AS second, max(due) AS last_due, count(*) AS n FROM pending GROUP BY 1, 2
                    )
                    SELECT lane, second, last_due, sum(n) OVER (PARTITION BY lane ORDER BY second DESC) AS from_here_on FROM buckets""",
                    Sql.ts(now), Sql.ts(now), waveId, stagedLane, Sql.ts(now), waveId);
                 var rs = ps.executeQuery()) {
                while (rs.next()) {
                    String lane = rs.getString("lane");
                    double rate = rate(header, lane);
                    Instant first = Sql.instant(rs, "second");
                    Instant last = Sql.instant(rs, "last_due");
                    long after = rs.getLong("from_here_on") - 1; // recipients due at or after this second, but this one
                    Instant candidate = rate <= 0 ? last : first.plusNanos((long) Math.ceil(after * 1_000_000_000d / rate));
                    if (candidate.isBefore(last)) candidate = last;
                    if (eta == null || candidate.isAfter(eta)) eta = candidate;
                }
            }
            return eta;
        });
    }

    /** Messages per second of a lane: the slower of the wave's own pacing and the channel's; 0 = unpaced. */
    double rate(WaveHeader header, String lane) {
        double wave = header == null ? 0 : WavePlanner.rate(header, lane);
        double channel = switch (lane == null ? "" : lane) {
            case "SMS" -> pacing.sms();
            case "EMAIL" -> pacing.email();
            case "VOICE" -> pacing.voice();
            default -> 0; // "ALL": the wave's rate already is the slowest of its channels
        };
        if (wave <= 0) return channel;
        if (channel <= 0) return wave;
        return Math.min(wave, channel);
    }

    private WaveHeader header(String text) throws SQLException {
        try {
            return json.readValue(text, WaveHeader.class);
        } catch (IOException e) {
            return null; // an unreadable header: lanes unpaced by the wave, the channel pacing still applies
        }
    }
}
