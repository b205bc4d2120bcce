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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Bulk intake: reads a batch line by line, validates each line exactly as a single {@code POST /api/v1/reminders},
 * and writes the valid ones in chunks, one transaction each (batched statements). A chunk's result lines go out only
 * after it committed, in line order, so every line answered ACCEPTED or REPLAYED is durable whatever happens next.
 * Memory holds the chunks in flight and the one being read (see {@code chunks-in-flight}), never the body or the answer.
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
    private final int maxInFlight;
    private volatile long maxLines;
    /** Writes chunks while their batch reads on: at most {@code chunks-in-flight} per batch, a thread each. */
    private final ExecutorService writers = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().name("reminder-batch-writer-", 0).daemon(true).factory());

    public ReminderBatch(Database db, Clock clock, ReminderIntake intake, ObjectMapper json, TemplateService templates, BatchConfig config) {
        this.db = db;
        this.clock = clock;
        this.intake = intake;
        this.json = json;
        this.validator = new ReminderValidator(templates::exists);
        this.chunkSize = Math.max(1, config.chunkSize());
        this.maxInFlight = Math.max(1, config.chunksInFlight());
        this.maxLines = config.maxLines();
    }

    @jakarta.annotation.PreDestroy
    void stop() { writers.shutdownNow(); }

    /** For tests of the limit: the configured one is a million. */
    void maxLines(long max) { this.maxLines = max; }

    long maxLines() { return maxLines; }

    /** Pending answers of the chunk being filled: a valid line waits for its commit, an invalid one is answered in place. */
    private static final class Pending {
        final BatchLines.Line line;
        final ReminderIntake.Prepared request; // null when the line is answered by problem
        final Problem problem;

        Pending(BatchLines.Line line, ReminderIntake.Prepared request, Problem problem) {
            this.line = line;
            this.request = request;
            this.problem = problem;
        }
    }

    /** A chunk's lines in order; {@code written} is set once its valid lines are being written. */
    private static final class Chunk {
        final List<Pending> lines;
        /** The borrower ids and requestIds its valid lines write (prefixed "b:" and "r:"). */
        final java.util.Set<String> keys;
        int valid;
        CompletableFuture<List<ReminderIntake.LineOutcome>> written;

        Chunk(int capacity) {
            this.lines = new ArrayList<>(capacity);
            this.keys = new java.util.HashSet<>(capacity * 4);
        }

        boolean shares(Chunk other) {
            var small = keys.size() <= other.keys.size() ? keys : other.keys;
            var large = small == keys ? other.keys : keys;
            for (String k : small) if (large.contains(k)) return true;
            return false;
        }
    }

    private final class Run {
        final String client;
        final OutputStream out;
        Chunk chunk = new Chunk(chunkSize);
        /** The chunks being written while the next one is read and validated, oldest first; answered in this order. */
        final java.util.ArrayDeque<Chunk> inFlight = new java.util.ArrayDeque<>();
        long lines, accepted, replayed, invalid, refused, lastAnswered;

        Run(String client, OutputStream out) {
            this.client = client;
            this.out = out;
        }
    }

    /**
     * Reads every line of {@code body} and writes the answer, one NDJSON line per input line and a summary, to {@code out}.
     * Reading and validating the next chunk overlaps the writes of the previous ones (at most {@code chunks-in-flight},
     * each its own transaction on the writer pool, and only chunks that share no borrower and no requestId); chunks
     * are answered oldest first, each only once it committed.
     */
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
                // A full chunk is handed to the writer and reading goes on. When the client has sent nothing more yet
                // (it may be waiting for answers), everything read is written and answered before reading blocks; while
                // that commits, the network fills the next chunk, so chunks grow towards chunkSize under load by themselves.
                if (run.chunk.valid >= chunkSize) handOver(run);
                else if (!body.moreArrived()) flush(run);
            }
        } catch (BatchLines.Stop stop) {
            stopped = stop.getMessage();
        } catch (Database.DataAccessException e) {
            stopped = refused(run, e);
        }
        if (stopped == null || !run.chunk.lines.isEmpty() || !run.inFlight.isEmpty()) {
            try {
                flush(run); // complete lines read before a cut are still written: the client may replay them safely
            } catch (Database.DataAccessException e) {
                stopped = refused(run, e);
            }
        }
        if (stopped != null) LOG.infof("batch of client %s stopped after line %d: %s", client, run.lastAnswered, stopped);
        write(out, new Wrapped(new Summary(run.lines, run.accepted, run.replayed, run.invalid, run.refused, stopped == null,
                stopped == null ? null : run.lastAnswered, stopped)));
        out.flush();
    }

    /**
     * The database refused a chunk: the chunk being read is dropped; chunks already under way are let finish (their
     * lines may be committed, unanswered), so the client is told to resend everything after the last answered line.
     */
    private String refused(Run run, Database.DataAccessException e) {
        LOG.warnf("batch chunk of client %s failed: %s", run.client, e.getMessage());
        run.chunk = new Chunk(chunkSize);
        for (Chunk c : run.inFlight) {
            try {
                c.written.join();
            } catch (RuntimeException ignored) {
                // already reported by the first failure
            }
        }
        run.inFlight.clear();
        return "the database refused the chunk after line " + run.lastAnswered + " (" + e.sqlState() + "); lines after it were not"
                + " answered and may or may not be stored: send them again (those stored replay)";
    }

    private void add(Run run, BatchLines.Line line) {
        List<FieldError> errors = line.parseErrors();
        Instant now = now();
        if (errors.isEmpty()) errors = validator.validate(line.request(), now);
        if (errors.isEmpty()) {
            run.chunk.lines.add(new Pending(line, intake.prepare(line.request(), now), null));
            run.chunk.valid++;
            run.chunk.keys.add("b:" + line.request().borrower().id());
            run.chunk.keys.add("r:" + line.request().requestId());
        } else {
            run.chunk.lines.add(new Pending(line, null, Problem.validation(errors)));
        }
    }

    /**
     * Starts writing the current chunk, first answering the oldest in flight (once it committed) when {@code inFlight}
     * chunks are already under way, or when one under way writes a borrower or a requestId this chunk writes too: chunks
     * written side by side commit in any order, so only chunks that share nothing may be; the later line's borrower
     * facts then still win, and a repeated requestId still replays its first line. Reading goes on meanwhile.
     */
    private void handOver(Run run) throws IOException {
        if (run.chunk.lines.isEmpty()) return;
        Chunk next = run.chunk;
        while (run.inFlight.size() >= maxInFlight || run.inFlight.stream().anyMatch(next::shares)) answerOldest(run);
        run.chunk = new Chunk(chunkSize);
        List<ReminderIntake.Prepared> requests = new ArrayList<>(next.valid);
        for (Pending p : next.lines) if (p.request != null) requests.add(p.request);
        next.written = requests.isEmpty() ? CompletableFuture.completedFuture(List.of())
                : CompletableFuture.supplyAsync(() -> write(run.client, requests), writers);
        run.inFlight.addLast(next);
    }

    /** Writes whatever is read and not yet answered, and answers it: the chunks in flight, then the current one. */
    private void flush(Run run) throws IOException {
        handOver(run);
        while (!run.inFlight.isEmpty()) answerOldest(run);
    }

    /** Waits for the oldest chunk in flight to commit, then answers every line of it in order. */
    private void answerOldest(Run run) throws IOException {
        Chunk done = run.inFlight.peekFirst();
        if (done == null) return;
        List<ReminderIntake.LineOutcome> outcomes;
        try {
            outcomes = done.written.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
        run.inFlight.removeFirst();
        int next = 0;
        for (Pending p : done.lines) {
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
    private List<ReminderIntake.LineOutcome> write(String client, List<ReminderIntake.Prepared> requests) {
        try {
            return writeChunk(client, requests);
        } catch (Database.DataAccessException e) {
            if (requests.size() == 1 || io.tixing.api.DatabaseUnavailable.causedBy(e)) throw e;
            LOG.debugf("chunk of %d refused (%s); writing it line by line", requests.size(), e.getMessage());
        }
        List<ReminderIntake.LineOutcome> out = new ArrayList<>(requests.size());
        for (ReminderIntake.Prepared r : requests) {
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
    private List<ReminderIntake.LineOutcome> writeChunk(String client, List<ReminderIntake.Prepared> requests) {
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
