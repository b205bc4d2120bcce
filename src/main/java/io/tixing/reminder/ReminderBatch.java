package io.tixing.reminder;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tixing.api.FieldError;
import io.tixing.api.Problem;
import io.tixing.db.Database;
import io.tixing.template.TemplateService;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Bulk intake: reads a batch line by line, validates each line exactly as a single {@code POST /api/v1/reminders},
 * and writes the valid ones in chunks, one transaction each (batched statements). A chunk's result lines go out only
 * after it committed, in line order, so every line answered ACCEPTED or REPLAYED is durable whatever happens next.
 * Memory holds one chunk, never the body or the answer.
 */
@ApplicationScoped
public class ReminderBatch {

    private static final Logger LOG = Logger.getLogger(ReminderBatch.class);

    /** One line's answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(long line, String requestId, UUID id, String status, Problem problem) {}

    /** The last line of every answer. {@code complete} is false when reading stopped early; then {@code reason} says why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(long lines, long accepted, long replayed, long invalid, long refused, boolean complete,
                          Long stoppedAfterLine, String reason) {}

    record Wrapped(Summary summary) {}

    private final Database db;
    private final Clock clock;
    private final ReminderIntake intake;
    private final ObjectMapper json;
    private final ReminderValidator validator;
    private final int chunkSize;
    private volatile long maxLines;

    public ReminderBatch(Database db, Clock clock, ReminderIntake intake, ObjectMapper json, TemplateService templates, BatchConfig config) {
        this.db = db;
        this.clock = clock;
        this.intake = intake;
        this.json = json;
        this.validator = new ReminderValidator(templates::exists);
        this.chunkSize = Math.max(1, config.chunkSize());
        this.maxLines = config.maxLines();
    }

    /** For tests of the limit: the configured one is a million. */
    void maxLines(long max) { this.maxLines = max; }

    long maxLines() { return maxLines; }

    /** Pending answers of the chunk being filled: a valid line waits for its commit, an invalid one is answered in place. */
    private static final class Pending {
        final BatchLines.Line line;
        final ReminderRequest request; // null when the line is answered by problem
        final Problem problem;

        Pending(BatchLines.Line line, ReminderRequest request, Problem problem) {
            this.line = line;
            this.request = request;
            this.problem = problem;
        }
    }

    private final class Run {
        final String client;
        final OutputStream out;
        final List<Pending> chunk = new ArrayList<>(chunkSize);
        int valid;
        long lines, accepted, replayed, invalid, refused, lastAnswered;

        Run(String client, OutputStream out) {
            this.client = client;
            this.out = out;
        }
    }

    /** Reads every line of {@code body} and writes the answer, one NDJSON line per input line and a summary, to {@code out}. */
    public void run(String client, BatchLines body, OutputStream out) throws IOException {
        Run run = new Run(client, out);
        String stopped = null;
        try {
            BatchLines.Line line;
            while ((line = body.next()) != null) {
                if (run.lines >= maxLines) {
                    long last = body.skipRest();
                    flush(run);
                    refuse(run, line.number(), last);
                    stopped = "a batch holds at most " + maxLines + " lines; lines " + line.number() + " to " + last + " were not accepted";
                    break;
                }
                run.lines++;
                add(run, line);
                if (run.valid >= chunkSize || !body.moreArrived()) flush(run);
            }
        } catch (BatchLines.Stop stop) {
            stopped = stop.getMessage();
        } catch (Database.DataAccessException e) {
            stopped = "the database refused the chunk after line " + run.lastAnswered + " (" + e.sqlState() + "); nothing after it was written: send those lines again";
            LOG.warnf("batch chunk of client %s failed: %s", client, e.getMessage());
            run.chunk.clear();
        }
        if (stopped == null || !run.chunk.isEmpty()) {
            try {
                flush(run); // complete lines read before a cut are still written: the client may replay them safely
            } catch (Database.DataAccessException e) {
                stopped = "the database refused the chunk after line " + run.lastAnswered + " (" + e.sqlState() + "); send the rest again";
            }
        }
        if (stopped != null) LOG.infof("batch of client %s stopped after line %d: %s", client, run.lastAnswered, stopped);
        write(out, new Wrapped(new Summary(run.lines, run.accepted, run.replayed, run.invalid, run.refused, stopped == null,
                stopped == null ? null : run.lastAnswered, stopped)));
        out.flush();
    }

    private void add(Run run, BatchLines.Line line) {
        List<FieldError> errors = line.parseErrors();
        if (errors.isEmpty()) errors = validator.validate(line.request(), now());
        if (errors.isEmpty()) {
            run.chunk.add(new Pending(line, line.request(), null));
            run.valid++;
        } else {
            run.chunk.add(new Pending(line, null, Problem.validation(errors)));
        }
    }

    /** Commits the chunk's valid lines, then answers every line of the chunk in order. */
    private void flush(Run run) throws IOException {
        if (run.chunk.isEmpty()) return;
        List<ReminderRequest> requests = new ArrayList<>(run.valid);
        for (Pending p : run.chunk) if (p.request != null) requests.add(p.request);
        List<ReminderIntake.LineOutcome> outcomes = requests.isEmpty() ? List.of() : write(run.client, requests);
        int next = 0;
        for (Pending p : run.chunk) {
            String requestId = p.line.request() == null ? null : p.line.request().requestId();
            Result r;
            if (p.request == null) {
                run.invalid++;
                r = new Result(p.line.number(), requestId, null, null, p.problem);
            } else {
                r = switch (outcomes.get(next++)) {
                    case ReminderIntake.LineOutcome.Accepted a -> {
                        run.accepted++;
                        yield new Result(p.line.number(), requestId, a.id(), "ACCEPTED", null);
                    }
                    case ReminderIntake.LineOutcome.Replayed x -> {
                        run.replayed++;
                        yield new Result(p.line.number(), requestId, x.id(), "REPLAYED", null);
                    }
                    case ReminderIntake.LineOutcome.Conflict c -> {
                        run.invalid++;
                        yield new Result(p.line.number(), requestId, null, null, c.problem());
                    }
                    case ReminderIntake.LineOutcome.Refused x -> {
                        run.invalid++;
                        yield new Result(p.line.number(), requestId, null, null, x.problem());
                    }
                };
            }
            write(run.out, r);
            run.lastAnswered = p.line.number();
        }
        run.chunk.clear();
        run.valid = 0;
        run.out.flush();
    }

    private void refuse(Run run, long first, long last) throws IOException {
        run.refused = last - first + 1;
        write(run.out, new Result(first, null, null, null, Problem.of(413, "batch-too-large", "Too many lines",
                "a batch holds at most " + maxLines + " lines; lines " + first + " to " + last
                        + " were read but not accepted: send them in another batch")));
    }

    /**
     * Writes a chunk; if the database refuses it for one line's sake (a constraint, say), the chunk is written again
     * line by line so that only that line fails. A database that is away stops the batch instead.
     */
    private List<ReminderIntake.LineOutcome> write(String client, List<ReminderRequest> requests) {
        try {
            return writeChunk(client, requests);
        } catch (Database.DataAccessException e) {
            if (requests.size() == 1 || io.tixing.api.DatabaseUnavailable.causedBy(e)) throw e;
            LOG.debugf("chunk of %d refused (%s); writing it line by line", requests.size(), e.getMessage());
        }
        List<ReminderIntake.LineOutcome> out = new ArrayList<>(requests.size());
        for (ReminderRequest r : requests) {
            try {
                out.add(writeChunk(client, List.of(r)).getFirst());
            } catch (Database.DataAccessException e) {
                if (io.tixing.api.DatabaseUnavailable.causedBy(e)) throw e;
                LOG.warnf("batch line of client %s refused by the database: %s", client, e.getMessage());
                out.add(new ReminderIntake.LineOutcome.Refused(Problem.of(500, "line-not-written", "Line not written",
                        "the database refused this line (SQLSTATE " + e.sqlState() + "); it was not written, the other lines are not affected")));
            }
        }
        return out;
    }

    /** One transaction per chunk; a deadlock with a dispatcher (which wrote nothing) is run again, as waves do. */
    private List<ReminderIntake.LineOutcome> writeChunk(String client, List<ReminderRequest> requests) {
        for (int attempt = 1; ; attempt++) {
            try {
                Instant now = now();
                return db.inTransaction(c -> intake.acceptBatchWithin(c, client, requests, now));
            } catch (Database.DataAccessException e) {
                boolean retryable = "40P01".equals(e.sqlState()) || "40001".equals(e.sqlState());
                if (!retryable || attempt == 3) throw e;
            }
        }
    }

    private Instant now() { return clock.instant().truncatedTo(ChronoUnit.MICROS); }

    private void write(OutputStream out, Object value) throws IOException {
        out.write(json.writeValueAsBytes(value));
        out.write('\n');
    }
}
