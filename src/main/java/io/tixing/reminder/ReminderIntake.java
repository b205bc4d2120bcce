package io.tixing.reminder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tixing.api.Problem;
import io.tixing.api.ProblemException;
import io.tixing.borrower.BorrowerLocationRepository;
import io.tixing.borrower.BorrowerRecord;
import io.tixing.borrower.BorrowerRepository;
import io.tixing.contactlog.ContactLogWriter;
import io.tixing.contactlog.LogEntry;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.rules.BorrowerRules;
import io.tixing.template.TemplateService;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Accepts reminder requests: validate, deduplicate by (client, requestId), and write the reminder, its
 * dispatch task(s) and its first contact-log entry in one transaction. Nothing is sent here.
 */
@ApplicationScoped
public class ReminderIntake {

    public sealed interface Outcome {
        record Accepted(ReminderView reminder) implements Outcome {}

        record Replayed(ReminderView reminder) implements Outcome {}
    }

    private final Database db;
    private final Clock clock;
    private final BorrowerRepository borrowers;
    private final ReminderRepository reminders;
    private final ContactLogWriter log;
    private final BorrowerRules rules;
    private final ObjectMapper json;
    private final ReminderValidator validator;
    private final ReminderMetrics metrics;
    private final BorrowerLocationRepository locations;
    private final jakarta.enterprise.inject.Instance<GroupCommit> groupCommit;
    private final TaskQueue tasks;

    public ReminderIntake(Database db, Clock clock, BorrowerRepository borrowers, ReminderRepository reminders,
                          ContactLogWriter log, BorrowerRules rules, ObjectMapper json, TemplateService templates,
                          ReminderMetrics metrics, BorrowerLocationRepository locations,
                          jakarta.enterprise.inject.Instance<GroupCommit> groupCommit, TaskQueue tasks) {
        this.groupCommit = groupCommit;
        this.tasks = tasks;
        this.db = db;
        this.clock = clock;
        this.borrowers = borrowers;
        this.reminders = reminders;
        this.log = log;
        this.rules = rules;
        this.json = json;
        this.validator = new ReminderValidator(templates::exists);
        this.metrics = metrics;
        this.locations = locations;
    }

    public Outcome submit(String client, ReminderRequest request) { return submit(client, request, false); }

    /** @param keyed whether the requestId came from an Idempotency-Key header (its reuse with another body is 422, not 409) */
    public Outcome submit(String client, ReminderRequest request, boolean keyed) {
        Instant now = now();
        Prepared prepared = validated(request, now);
        String requestHash = prepared.requestHash();
        ReminderRequest settled = prepared.settled();
        String requestJson = prepared.requestJson();
        GroupCommit group = groupCommit.get();
        if (group.enabled()) {
            // Written with whatever other requests arrive meanwhile, in one transaction; answered once that commits.
            var written = group.write(client, prepared);
            if (written.id().isPresent()) return new Outcome.Accepted(queued(written.id().get(), settled, written.at()));
        } else {
            // Insert first: a new request (the common case) costs no extra lookup; a repeat finds the conflict and replays.
            Optional<UUID> created = db.inTransaction(c -> create(c, client, settled, requestHash, requestJson, null, now, now, true));
            if (created.isPresent()) {
                metrics.accepted();
                return new Outcome.Accepted(queued(created.get(), settled, now));
            }
        }
        return repeat(client, request, prepared, keyed);
    }

    /** Microseconds: what PostgreSQL stores, so the 202 answer and a later read show the same instants. */
    private Instant now() { return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS); }

    /** The request checked (a {@link ProblemException} naming every bad field) and prepared for writing. */
    private Prepared validated(ReminderRequest request, Instant now) {
        var errors = validator.validate(request, now);
        if (!errors.isEmpty()) throw new ProblemException(Problem.validation(errors));
        // The hash is of the body as sent (a replay tomorrow is still the same request); what is stored has daysOverdue
        // derived from dueDate when the caller left it out.
        return prepare(request, now);
    }

    /** The answer to a request whose requestId is already stored: the original (200), or a conflict. */
    private Outcome repeat(String client, ReminderRequest request, Prepared prepared, boolean keyed) {
        return replay(client, request.requestId(), prepared.requestHash(), keyed)
                .orElseThrow(() -> new IllegalStateException("requestId " + request.requestId() + " conflicted but is not stored"));
    }

    /**
     * {@link #submit} without holding the caller's thread while the request's group commits: validation and preparing run
     * here (and a {@link ProblemException} is thrown here, as by {@link #submit}); the returned stage completes once the
     * request is committed (or found to be a repeat, answered as {@link #submit} answers it) and fails with the exception
     * {@link #submit} would have thrown. Used by the HTTP endpoint, so no worker thread is parked per request.
     */
    public CompletionStage<Outcome> submitAsync(String client, ReminderRequest request, boolean keyed) {
        GroupCommit group = groupCommit.get();
        if (!group.enabled()) return onWorker(() -> submit(client, request, keyed));
        Prepared prepared = validated(request, now());
        CompletableFuture<Outcome> answer = new CompletableFuture<>();
        group.submit(client, prepared).whenComplete((written, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
            } else if (written.id().isPresent()) {
                answer.complete(new Outcome.Accepted(queued(written.id().get(), prepared.settled(), written.at())));
            } else {
                // A repeat: reading the original is blocking work, for a worker thread, not the group's writer.
                onWorker(() -> repeat(client, request, prepared, keyed)).whenComplete((o, t) -> {
                    if (t != null) answer.completeExceptionally(t);
                    else answer.complete(o);
                });
            }
        });
        return answer;
    }

    /** Runs blocking work on the worker pool; the stage fails with exactly what it threw (not wrapped). */
    private static CompletionStage<Outcome> onWorker(java.util.function.Supplier<Outcome> work) {
        CompletableFuture<Outcome> out = new CompletableFuture<>();
        io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                out.complete(work.get());
            } catch (Throwable t) {
                out.completeExceptionally(t);
            }
        });
        return out;
    }

    /** The answer to a new request, from what was just written (no read-back). */
    private static ReminderView queued(UUID id, ReminderRequest r, Instant now) {
        return new ReminderView(id, r.requestId(), ReminderStatus.QUEUED.name(), r.borrower().id(), r.loan().id(), r.template(),
                r.channels(), r.channelStrategy() == null ? "FIRST_ALLOWED" : r.channelStrategy(),
                r.notAfter() == null ? null : Instant.parse(r.notAfter()), null, now, now, List.of(), List.of());
    }

    private Optional<Outcome> replay(String client, String requestId, String requestHash, boolean keyed) {
        return reminders.findByRequest(client, requestId).map(existing -> {
            if (!existing.requestHash().equals(requestHash)) {
                throw new ProblemException(keyed ? keyReused(requestId, existing.id()) : conflict(requestId, existing.id()));
            }
            return new Outcome.Replayed(reminders.view(existing.id(), true).orElseThrow());
        });
    }

    /**
     * Writes one already-validated reminder that belongs to a wave or a cadence, in the caller's transaction, with its
     * task due at {@code dueAt}. Empty when the client already used the requestId (the caller's exactly-once key);
     * unlike {@link #submit} nothing is rolled back, so a chunk of many recipients can go on.
     */
    public Optional<UUID> acceptWithin(Connection c, String client, ReminderRequest r, UUID waveId, Instant dueAt, Instant now)
            throws SQLException {
        Prepared prepared = prepare(r, dueAt); // daysOverdue as of when it is to be sent
        ReminderRequest settled = prepared.settled();
        String requestHash = prepared.requestHash(), requestJson = prepared.requestJson();
        Optional<UUID> id = create(c, client, settled, requestHash, requestJson, waveId, dueAt, now, false);
        id.ifPresent(x -> metrics.accepted());
        return id;
    }

    private Optional<UUID> create(Connection c, String client, ReminderRequest r, String requestHash, String requestJson, UUID waveId,
                                  Instant dueAt, Instant now, boolean rollbackOnDuplicate) throws SQLException {
        var b = r.borrower();
        BorrowerRecord borrower = new BorrowerRecord(b.id(), b.name(), b.locale(), b.timezone(), b.jurisdiction(), b.phone(),
                b.email(), b.flags());
        UUID id = ReminderIds.next(clock);
        List<String> channels = r.channels();
        String strategy = r.channelStrategy() == null ? "FIRST_ALLOWED" : r.channelStrategy();
        borrowers.upsert(c, borrower, now);
        locations.record(c, borrower, now); // known locations accumulate: this request's zone and phone join the earlier ones
        boolean inserted = reminders.insert(c, id, client, r, requestHash, strategy, now, requestJson, waveId);
        if (!inserted) {
            if (rollbackOnDuplicate) c.rollback();
            return Optional.empty();
        }
        borrowers.addStatedFlags(c, b.id(), b.flags(), "client:" + client, r.requestId(), now);
        List<TaskQueue.NewTask> newTasks = new java.util.ArrayList<>(channels.size());
        if (strategy.equals("ALL")) {
            for (String channel : channels) newTasks.add(new TaskQueue.NewTask(id, b.id(), List.of(channel), dueAt));
        } else {
            newTasks.add(new TaskQueue.NewTask(id, b.id(), channels, dueAt));
        }
        tasks.enqueue(c, newTasks);
        log.append(c, requestEntry(client, r, borrower, id, strategy, now));
        return Optional.of(id);
    }

    private LogEntry requestEntry(String client, ReminderRequest r, BorrowerRecord borrower, UUID id, String strategy, Instant now) {
        var resolved = rules.resolve(borrower);
        return LogEntry.of(LogEntry.Kind.REQUEST, now)
                .borrowerClock(resolved.displayZone())
                .borrower(borrower.id()).loan(r.loan().id()).reminder(id)
                .template(r.template(), null)
                .rulePack(resolved.pack().id())
                .outcome(ReminderStatus.QUEUED.name())
                .actor("client:" + client)
                .detail("requestId=" + r.requestId() + "; channels=" + String.join(",", r.channels()) + "; strategy=" + strategy)
                .build();
    }

    /** One already-validated wave recipient for {@link #acceptAllWithin}, with its task's due instant. */
    public record Planned(ReminderRequest request, Instant dueAt) {}

    /**
     * {@link #acceptWithin} for many reminders of one client and wave, with batched statements: the same rows and the
     * same REQUEST contact-log entries, in list order, as calling it once per element (see
     * {@link ContactLogWriter#appendAll}). Returns the ids of the reminders written, in list order; requestIds the client
     * already used are skipped.
     */
    public List<UUID> acceptAllWithin(Connection c, String client, List<Planned> planned, UUID waveId, Instant now) throws SQLException {
        if (planned.isEmpty()) return List.of();
        List<Prepared> prepared = new java.util.ArrayList<>(planned.size());
        List<Instant> due = new java.util.ArrayList<>(planned.size());
        for (Planned p : planned) {
            prepared.add(prepare(p.request(), p.dueAt())); // daysOverdue as of when it is to be sent
            due.add(p.dueAt());
        }
        List<ReminderRepository.NewReminder> rows = new java.util.ArrayList<>(planned.size());
        boolean[] inserted = writeAll(c, client, prepared, due, waveId, now, rows, false);
        List<UUID> written = new java.util.ArrayList<>(planned.size());
        for (int i = 0; i < rows.size(); i++) if (inserted[i]) written.add(rows.get(i).id());
        return written;
    }

    /**
     * The batched writes of {@link #acceptAllWithin} and {@link #acceptBatchWithin}; fills {@code rows} (in list order) and
     * says which were inserted.
     *
     * @param asSingleRequests whether to treat each element as {@link #submit} would: a requestId already stored (or repeated
     *                         in the list) is a replay or a conflict whose borrower facts must not be applied, as a single
     *                         request's rollback ensures; only the rows that are new update borrowers and locations
     */
    private boolean[] writeAll(Connection c, String client, List<Prepared> planned, List<Instant> due, UUID waveId, Instant now,
                               List<ReminderRepository.NewReminder> rows, boolean asSingleRequests) throws SQLException {
        if (planned.isEmpty()) return new boolean[0];
        java.util.Set<String> firstSeen = new java.util.HashSet<>();
        // Per borrower, the facts of its last line (as sequential upserts would: the last line's facts win); with
        // asSingleRequests a requestId repeated within the list is a replay of its first line and states no facts.
        java.util.Map<String, BorrowerRecord> latest = new java.util.LinkedHashMap<>();
        List<BorrowerRecord> records = new java.util.ArrayList<>(planned.size());
        for (Prepared p : planned) {
            ReminderRequest r = p.settled();
            var b = r.borrower();
            BorrowerRecord borrower = new BorrowerRecord(b.id(), b.name(), b.locale(), b.timezone(), b.jurisdiction(), b.phone(),
                    b.email(), b.flags());
            records.add(borrower);
            if (!asSingleRequests || firstSeen.add(r.requestId())) latest.put(b.id(), borrower);
            rows.add(new ReminderRepository.NewReminder(ReminderIds.next(clock), r, p.requestHash(),
                    r.channelStrategy() == null ? "FIRST_ALLOWED" : r.channelStrategy(), p.requestJson(), waveId));
        }
        boolean[] inserted;
        List<BorrowerRecord> facts; // the borrower facts of the lines written: their zones and phones join the known locations
        if (!asSingleRequests) {
            borrowers.upsertAll(c, latest.values(), now);
            facts = records;
            inserted = reminders.insertAll(c, client, rows, now);
        } else {
            // Insert first, then apply facts: which lines are new is what the reminder insert finds (its unique index),
            // so no lookup of the requestIds precedes it. The borrowers a reminder references must exist first: missing
            // ones are inserted with the candidates' facts; stored ones are updated only once a line of theirs is new.
            java.util.Set<String> created = borrowers.insertMissing(c, latest.values(), now);
            inserted = reminders.insertAll(c, client, rows, now);
            facts = new java.util.ArrayList<>(rows.size());
            java.util.Map<String, BorrowerRecord> applied = new java.util.LinkedHashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                if (!inserted[i]) continue;
                facts.add(records.get(i));
                applied.put(records.get(i).id(), records.get(i));
            }
            // A borrower just inserted with exactly these facts needs no second write.
            applied.values().removeIf(b -> created.contains(b.id()) && b.equals(latest.get(b.id())));
            borrowers.upsertAll(c, applied.values(), now);
        }
        if (!facts.isEmpty()) locations.record(c, facts, now); // every line's zone and phone, not only the last line's: locations accumulate
        List<TaskQueue.NewTask> newTasks = new java.util.ArrayList<>(planned.size());
        List<LogEntry> entries = new java.util.ArrayList<>(planned.size());
        List<UUID> written = new java.util.ArrayList<>(planned.size());
        for (int i = 0; i < rows.size(); i++) {
            if (!inserted[i]) continue;
            var row = rows.get(i);
            ReminderRequest r = row.request();
            borrowers.addStatedFlags(c, r.borrower().id(), r.borrower().flags(), "client:" + client, r.requestId(), now, entries);
            if (row.strategy().equals("ALL")) {
                for (String channel : r.channels()) newTasks.add(new TaskQueue.NewTask(row.id(), r.borrower().id(), List.of(channel), due.get(i)));
            } else {
                newTasks.add(new TaskQueue.NewTask(row.id(), r.borrower().id(), r.channels(), due.get(i)));
            }
            entries.add(requestEntry(client, r, records.get(i), row.id(), row.strategy(), now));
            written.add(row.id());
        }
        tasks.enqueue(c, newTasks);
        log.appendAll(c, entries);
        for (int i = 0; i < written.size(); i++) metrics.accepted();
        return inserted;
    }

    /** What became of one line of a batch chunk: written now, a replay of an earlier one, or a requestId conflict. */
    public sealed interface LineOutcome {
        record Accepted(UUID id) implements LineOutcome {}

        record Replayed(UUID id) implements LineOutcome {}

        record Conflict(Problem problem) implements LineOutcome {}

        /** The database refused this line alone (its chunk was written again without it). */
        record Refused(Problem problem) implements LineOutcome {}
    }

    /**
     * A chunk of already-validated standalone reminders (no wave) of one client, in the caller's transaction, with batched
     * statements (see {@link #acceptAllWithin}). Each line gets its outcome, in order: a requestId already stored (before or
     * earlier in this chunk) with the same body is a replay of that reminder, with another body a conflict; neither fails
     * the rest of the chunk.
     */
    public List<LineOutcome> acceptBatchWithin(Connection c, String client, List<Prepared> requests, Instant now) throws SQLException {
        List<ReminderRepository.NewReminder> rows = new java.util.ArrayList<>(requests.size());
        boolean[] inserted = writeAll(c, client, requests, java.util.Collections.nCopies(requests.size(), now), null, now, rows, true);
        java.util.Set<String> repeated = new java.util.HashSet<>();
        for (int i = 0; i < rows.size(); i++) if (!inserted[i]) repeated.add(rows.get(i).request().requestId());
        var stored = reminders.findByRequests(c, client, repeated);
        List<LineOutcome> out = new java.util.ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            var row = rows.get(i);
            if (inserted[i]) {
                out.add(new LineOutcome.Accepted(row.id()));
                continue;
            }
            var existing = stored.get(row.request().requestId());
            if (existing == null) throw new IllegalStateException("requestId " + row.request().requestId() + " conflicted but is not stored");
            out.add(existing.requestHash().equals(row.requestHash()) ? new LineOutcome.Replayed(existing.id())
                    : new LineOutcome.Conflict(conflict(row.request().requestId(), existing.id())));
        }
        return out;
    }

    /**
     * A validated request made ready to write: {@code settled} (daysOverdue derived as of {@code at} when the caller left it
     * out) and its stored JSON, and the hash of the request as sent (a replay tomorrow is still the same request). Done
     * by the thread that validated it, so the single writer of a batch or a group commit only writes.
     */
    record Prepared(ReminderRequest settled, String requestHash, String requestJson) {}

    Prepared prepare(ReminderRequest request, Instant at) {
        String sent = toJson(request);
        ReminderRequest settled = ReminderValidator.withDerivedDaysOverdue(request, at);
        // A request that states daysOverdue is stored as sent: the same bytes, serialised once.
        return new Prepared(settled, sha256(sent), settled == request ? sent : toJson(settled));
    }

    /** draft-ietf-httpapi-idempotency-key-header: a key reused for a different payload is 422. */
    static Problem keyReused(String key, UUID original) {
        return Problem.of(422, "idempotency-key-reused", "Idempotency-Key reused with a different body",
                "Idempotency-Key '" + key + "' was already used by this client with a different request; the original reminder is " + original);
    }

    static Problem conflict(String requestId, UUID original) {
        return Problem.of(409, "idempotency-conflict", "requestId reused with a different body",
                "requestId '" + requestId + "' was already used by this client with a different request; the original reminder is " + original);
    }

    /** Records serialise in declaration order, so the same request always gives the same bytes (and hash). */
    private String toJson(ReminderRequest r) {
        try {
            return json.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String json) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
