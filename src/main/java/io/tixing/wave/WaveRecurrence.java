package io.tixing.wave;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.reminder.ReminderRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Recurring waves, driven by the database rather than by in-memory triggers, so any instance may run them and a
 * restart loses nothing. The cron (Quartz, evaluated in UTC) picks the run instants; each run re-plans the wave's
 * original recipients: an {@code at} wave starts at the fire instant, a local-time wave at its local time on the
 * fire's UTC date in each borrower's zone. notAfter moves with the run.
 */
@ApplicationScoped
public class WaveRecurrence {

    private static final Logger LOG = Logger.getLogger(WaveRecurrence.class);
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private record Due(UUID id, String client, WaveHeader header, int run, Instant fire) {}

    private final Database db;
    private final Clock clock;
    private final WaveIntake intake;
    private final WavePlanner planner;
    private final ObjectMapper json;

    public WaveRecurrence(Database db, Clock clock, WaveIntake intake, WavePlanner planner, ObjectMapper json) {
        this.db = db;
        this.clock = clock;
        this.intake = intake;
        this.planner = planner;
        this.json = json;
    }

    /** The first recurrence after the uploaded run; null when the wave does not recur. */
    static Instant firstRecurrence(WaveHeader h) {
        if (h.cron() == null) return null;
        Instant after = h.start().at() != null ? Instant.parse(h.start().at())
                : LocalDate.parse(h.start().date()).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1);
        return next(h.cron(), after);
    }

    static Instant next(String cron, Instant after) {
        return ExecutionTime.forCron(CRON.parse(cron)).nextExecution(after.atZone(ZoneOffset.UTC)).map(ZonedDateTime::toInstant).orElse(null);
    }

    @Scheduled(identity = "wave-recurrence", every = "${tixing.waves.recurrence-interval:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            runDue();
        } catch (RuntimeException e) {
            LOG.warn("recurring waves failed; will retry on the next tick", e);
        }
    }

    /** Plans every recurring run that is due; returns how many runs were planned. */
    public int runDue() {
        int runs = 0;
        for (Due due; (due = claim()) != null; runs++) plan(due);
        return runs;
    }

    /** Takes one due wave under SKIP LOCKED and moves its next run on in the same transaction: a run is planned once. */
    private Due claim() {
        Instant now = clock.instant();
        return db.inTransaction(c -> {
            try (var ps = Sql.prepare(c, """
                    SELECT id, client, header::text, runs, next_run_at, cron FROM wave
                    WHERE next_run_at <= ? AND state = 'ACTIVE'
                      AND NOT EXISTS (SELECT 1 FROM wave_staged s WHERE s.wave_id = wave.id) -- the uploaded run is fully planned
                    ORDER BY next_run_at LIMIT 1 FOR UPDATE SKIP LOCKED""", now);
                 var rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                UUID id = rs.getObject(1, UUID.class);
                Instant fire = Sql.instant(rs, "next_run_at");
                Sql.update(c, "UPDATE wave SET next_run_at = ?, runs = runs + 1, updated_at = ? WHERE id = ?",
                        next(rs.getString("cron"), now), now, id);
                return new Due(id, rs.getString(2), read(rs.getString(3)), rs.getInt(4) + 1, fire);
            }
        });
    }

    private void plan(Due due) {
        WaveHeader first = due.header();
        Duration shift;
        WaveHeader.Start start;
        if (first.start().at() != null) {
            shift = Duration.between(Instant.parse(first.start().at()), due.fire());
            start = new WaveHeader.Start(due.fire().toString(), null, null);
        } else {
            LocalDate date = due.fire().atZone(ZoneOffset.UTC).toLocalDate();
            shift = Duration.ofDays(LocalDate.parse(first.start().date()).until(date).getDays());
            start = new WaveHeader.Start(null, first.start().localTime(), date.toString());
        }
        String notAfter = first.notAfter() == null ? null : Instant.parse(first.notAfter()).plus(shift).toString();
        WaveHeader run = new WaveHeader(first.name(), first.template(), first.channels(), first.channelStrategy(), start, first.cron(),
                first.pacing(), notAfter);
        String after = "";
        for (List<WaveIntake.Ready> chunk; !(chunk = nextChunk(due, run, after)).isEmpty(); ) {
            intake.flush(due.client(), due.id(), run, due.fire(), chunk, 0);
            after = "wave:" + due.id() + ":" + chunk.getLast().line();
        }
    }

    /** The wave's original recipients (requestId wave:<id>:<line>), in keyset pages, re-addressed to this run. */
    private List<WaveIntake.Ready> nextChunk(Due due, WaveHeader run, String after) {
        return db.read(c -> {
            List<WaveIntake.Ready> out = new ArrayList<>();
            try (var ps = Sql.prepare(c, """
                    SELECT request_id, request::text FROM reminder WHERE wave_id = ? AND request_id ~ '^wave:[^:]+:[0-9]+$' AND request_id > ?
                    ORDER BY request_id LIMIT 1000""", due.id(), after); var rs = ps.executeQuery()) {
                while (rs.next()) {
                    String requestId = rs.getString(1);
                    long line = Long.parseLong(requestId.substring(requestId.lastIndexOf(':') + 1));
                    ReminderRequest original = json.readValue(rs.getString(2), ReminderRequest.class);
                    var r = new ReminderRequest("wave:" + due.id() + ":r" + due.run() + ":" + line, original.borrower(), original.loan(),
                            run.template(), run.channels(), run.channelStrategy(), run.notAfter());
                    out.add(new WaveIntake.Ready(line, r, WavePlanner.lane(run), planner.startFor(run.start(), r.borrower())));
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("a stored wave recipient is unreadable", e);
            }
            return out;
        });
    }

    private WaveHeader read(String text) {
        try {
            return json.readValue(text, WaveHeader.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored wave header is unreadable", e);
        }
    }
}
