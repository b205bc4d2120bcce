package io.tixing.wave;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tixing.api.FieldError;
import io.tixing.api.Problem;
import io.tixing.api.ProblemException;
import io.tixing.db.Database;
import io.tixing.reminder.ReminderIntake;
import io.tixing.reminder.ReminderRequest;
import io.tixing.reminder.ReminderValidator;
import io.tixing.template.TemplateService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Accepts a wave: validates the header, then streams its recipients in chunks, one transaction per chunk that stages the
 * valid ones (one {@code wave_staged} row each, with its due instant) and bumps the wave's counters. Memory stays flat
 * whatever the size. {@link WaveStagePlanner} then turns staged rows into reminder + task + REQUEST log entry; a wave of at
 * most {@code tixing.waves.plan-inline-max} recipients is planned before the response, a bigger one in the background.
 */
@ApplicationScoped
public class WaveIntake {

    public static final int MAX_RECIPIENTS = 1_000_000;
    public static final int MAX_REPORTED_ERRORS = 1_000;

    /** A recipient line as read: its line number, the parsed recipient, or why it could not be parsed. */
    public record Line(long number, WaveHeader.Recipient recipient, List<FieldError> parseErrors) {}

    public record LineErrors(long line, List<FieldError> errors) {}

    public record Accepted(UUID id, long accepted, long invalid, List<LineErrors> errors, boolean errorsTruncated) {}

    /** A validated recipient with its pacing lane and start, ready to be written. */
    record Ready(long line, ReminderRequest request, String lane, Instant start) {}

    private final Database db;
    private final Clock clock;
    private final WaveRepository waves;
    private final WavePlanner planner;
    private final ReminderIntake reminders;
    private final ObjectMapper json;
    private final ReminderValidator validator;
    private final WaveHeaderValidator headerValidator;
    private final int chunkSize;
    private final WaveStagePlanner stagePlanner;
    private volatile long planInlineMax;

    public WaveIntake(Database db, Clock clock, WaveRepository waves, WavePlanner planner, ReminderIntake reminders, ObjectMapper json,
                      TemplateService templates, @ConfigProperty(name = "tixing.waves.chunk-size", defaultValue = "1000") int chunkSize,
                      WaveStagePlanner stagePlanner,
                      @ConfigProperty(name = "tixing.waves.plan-inline-max", defaultValue = "10000") long planInlineMax) {
        this.stagePlanner = stagePlanner;
        this.planInlineMax = planInlineMax;
        this.db = db;
        this.clock = clock;
        this.waves = waves;
        this.planner = planner;
        this.reminders = reminders;
        this.json = json;
        this.validator = new ReminderValidator(templates::exists);
        this.headerValidator = new WaveHeaderValidator(templates::exists);
        this.chunkSize = chunkSize;
    }

    /** The header is all-or-nothing (a bad header refuses the wave); recipient lines are judged one by one. */
    public void checkHeader(WaveHeader header) {
        var errors = headerValidator.validate(header, clock.instant());
        if (!errors.isEmpty()) throw new ProblemException(Problem.validation(errors));
    }

    public Accepted accept(String client, String actor, WaveHeader header, Iterator<Line> lines) {
        checkHeader(header);
        Instant created = clock.instant();
        UUID id = UUID.randomUUID();
        db.inTransaction(c -> {
            waves.create(c, id, client, header, toJson(header), actor, WaveRecurrence.firstRecurrence(header), created);
            return null;
        });
        try (var streaming = stagePlanner.uploading()) {
            return stream(client, id, header, created, lines);
        }
    }

    private Accepted stream(String client, UUID id, WaveHeader header, Instant created, Iterator<Line> lines) {
        long accepted = 0, invalid = 0, seen = 0;
        List<LineErrors> errors = new ArrayList<>();
        List<Ready> chunk = new ArrayList<>(chunkSize);
        long chunkInvalid = 0;
        while (lines.hasNext()) {
            Line line = lines.next();
            List<FieldError> problems = problems(id, header, line, ++seen);
            if (problems.isEmpty()) {
                ReminderRequest r = header.reminderFor(id, line.number(), line.recipient());
                chunk.add(new Ready(line.number(), r, WavePlanner.lane(header), planner.startFor(header.start(), r.borrower())));
            } else {
                invalid++;
                chunkInvalid++;
                if (errors.size() < MAX_REPORTED_ERRORS) errors.add(new LineErrors(line.number(), problems));
            }
            if (chunk.size() >= chunkSize) {
                accepted += stage(id, header, created, chunk, chunkInvalid);
                chunk.clear();
                chunkInvalid = 0;
            }
        }
        if (!chunk.isEmpty() || chunkInvalid > 0) accepted += stage(id, header, created, chunk, chunkInvalid);
        waves.loaded(id, clock.instant());
        if (accepted <= planInlineMax) stagePlanner.drain(id);
        return new Accepted(id, accepted, invalid, errors, invalid > errors.size());
    }

    /** Waves of at most this many recipients are planned before the upload's response; bigger ones in the background. */
    public void planInlineMax(long max) { this.planInlineMax = max; }

    /** Stages one chunk in one transaction (retried on a serialization failure, which wrote nothing). */
    private long stage(UUID id, WaveHeader header, Instant created, List<Ready> chunk, long chunkInvalid) {
        for (int attempt = 1; ; attempt++) {
            try {
                return db.inTransaction(c -> stageChunk(c, id, header, created, chunk, chunkInvalid));
            } catch (Database.DataAccessException e) {
                boolean retryable = "40P01".equals(e.sqlState()) || "40001".equals(e.sqlState());
                if (!retryable || attempt == 3) throw e;
            }
        }
    }

    /**
     * Pacing slots are reserved per lane and start exactly as before, so each recipient's due instant is fixed here;
     * the chunk's rows go in with one statement (arrays unnested server-side).
     */
    private long stageChunk(java.sql.Connection c, UUID id, WaveHeader header, Instant created, List<Ready> chunk, long chunkInvalid)
            throws java.sql.SQLException {
        if (waves.lockForChunk(c, id) == WaveRepository.State.CANCELLED) {
            throw new ProblemException(Problem.of(409, "wave-cancelled", "Wave cancelled",
                    "wave " + id + " was cancelled while its recipients were being uploaded; the rest were not accepted"));
        }
        List<Instant> due = dueInstants(c, id, header, created, chunk);
        Long[] lines = new Long[chunk.size()];
        String[] requests = new String[chunk.size()];
        java.sql.Timestamp[] dues = new java.sql.Timestamp[chunk.size()];
        for (int i = 0; i < chunk.size(); i++) {
            lines[i] = chunk.get(i).line();
            requests[i] = toJson(chunk.get(i).request());
            dues[i] = java.sql.Timestamp.from(due.get(i));
        }
        if (!chunk.isEmpty()) {
            io.tixing.db.Sql.update(c, """
                    INSERT INTO wave_staged (wave_id, line, request, due_at)
                    SELECT ?, * FROM unnest(?::bigint[], ?::text[], ?::timestamptz[])""",
                    id, c.createArrayOf("bigint", lines), c.createArrayOf("text", requests), c.createArrayOf("timestamptz", dues));
        }
        waves.count(c, id, chunk.size(), chunkInvalid, clock.instant());
        return chunk.size();
    }

    /** Reserves the chunk's pacing slots (one upsert per lane and start) and returns each recipient's due instant, in order. */
    private List<Instant> dueInstants(java.sql.Connection c, UUID id, WaveHeader header, Instant created, List<Ready> chunk)
            throws java.sql.SQLException {
        Map<String, Long> next = new HashMap<>();
        Map<String, Long> sizes = new HashMap<>();
        for (Ready r : chunk) sizes.merge(r.lane() + "@" + r.start(), 1L, Long::sum);
        for (Ready r : chunk) {
            String key = r.lane() + "@" + r.start();
            if (!next.containsKey(key)) next.put(key, waves.reserveSlots(c, id, r.lane(), r.start(), sizes.get(key)));
        }
        List<Instant> out = new ArrayList<>(chunk.size());
        for (Ready r : chunk) {
            long slot = next.merge(r.lane() + "@" + r.start(), 1L, Long::sum) - 1;
            out.add(WavePlanner.due(r.start(), created, slot, WavePlanner.rate(header, r.lane())));
        }
        return out;
    }

    private List<FieldError> problems(UUID id, WaveHeader header, Line line, long seen) {
        if (!line.parseErrors().isEmpty()) return line.parseErrors();
        if (seen > MAX_RECIPIENTS) return List.of(new FieldError("", "over the limit of " + MAX_RECIPIENTS + " recipients per wave"));
        ReminderRequest r = header.reminderFor(id, line.number(), line.recipient());
        return validator.validate(r, clock.instant(), planner.factsAsOf(header.start(), r.borrower(), clock.instant()));
    }

    /**
     * Writes a chunk straight to reminders, without staging (recurring runs, whose recipients are already validated and
     * stored). One transaction per chunk: pacing slots are reserved per lane and start, then every recipient is written. A chunk
     * holds many borrowers' contact-log chain heads at once, so it can deadlock with a dispatcher deciding for one of
     * its borrowers; PostgreSQL then aborts one side and the chunk (which wrote nothing) is simply run again.
     */
    long flush(String client, UUID id, WaveHeader header, Instant created, List<Ready> chunk, long chunkInvalid) {
        for (int attempt = 1; ; attempt++) {
            try {
                return writeChunk(client, id, header, created, chunk, chunkInvalid);
            } catch (Database.DataAccessException e) {
                boolean retryable = "40P01".equals(e.sqlState()) || "40001".equals(e.sqlState());
                if (!retryable || attempt == 3) throw e;
            }
        }
    }

    private long writeChunk(String client, UUID id, WaveHeader header, Instant created, List<Ready> chunk, long chunkInvalid) {
        return db.inTransaction(c -> {
            if (waves.lockForChunk(c, id) == WaveRepository.State.CANCELLED) {
                throw new ProblemException(Problem.of(409, "wave-cancelled", "Wave cancelled",
                        "wave " + id + " was cancelled while its recipients were being uploaded; the rest were not accepted"));
            }
            List<Instant> due = dueInstants(c, id, header, created, chunk);
            Instant now = clock.instant();
            List<ReminderIntake.Planned> planned = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) planned.add(new ReminderIntake.Planned(chunk.get(i).request(), due.get(i)));
            long written = reminders.acceptAllWithin(c, client, planned, id, now).size();
            waves.count(c, id, written, chunkInvalid, now);
            return written;
        });
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
