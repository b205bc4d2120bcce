package io.tixing.reminder;

import io.tixing.db.Database;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes concurrent single reminder requests together: a writer thread (there are {@code writers}, two by default, each
 * with its own group, so one group's statements overlap the other's commit) takes what is queued (waiting at most
 * {@code max-wait} for company, at most {@code max-size} requests), writes them in one transaction with batched
 * statements, commits, and only then releases each waiting request with its outcome. While a group commits, the next
 * one gathers, so under load the commit cost is shared instead of paid per request.
 *
 * A group that fails as a whole (a constraint, a deadlock) is written again one request per transaction, so a bad
 * request fails alone and the others still commit. A requestId already stored, or repeated inside the group, is
 * reported back as not written: the caller then replays (200) or refuses (409/422) exactly as for a lone request.
 */
@ApplicationScoped
public class GroupCommit {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    /** The written reminder's id (empty: the requestId was already used) and the instant it was written at. */
    public record Written(Optional<UUID> id, Instant at) {}

    private record Job(String client, ReminderIntake.Prepared request, CompletableFuture<Written> done) {}

    private final Database db;
    private final Clock clock;
    private final ReminderIntake intake;
    private final boolean enabled;
    private final int maxSize;
    private volatile long maxWaitNanos;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final int writerCount;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean stopping;

    public GroupCommit(Database db, Clock clock, ReminderIntake intake, GroupCommitConfig config) {
        this.db = db;
        this.clock = clock;
        this.intake = intake;
        this.enabled = config.enabled();
        this.maxSize = Math.max(1, config.maxSize());
        this.maxWaitNanos = config.maxWait().toNanos();
        this.writerCount = Math.max(1, config.writers());
    }

    public boolean enabled() { return enabled; }

    /**
     * Queues one validated request; the future completes (on the writer thread) once its group has committed, or fails
     * with the reason it could not be written. Nothing waits for it here: an HTTP request holds no thread meanwhile.
     */
    public CompletableFuture<Written> submit(String client, ReminderIntake.Prepared request) {
        start();
        var job = new Job(client, request, new CompletableFuture<>());
        queue.add(job);
        return job.done();
    }

    /** Queues one validated request and waits until its group has committed (or failed). */
    public Written write(String client, ReminderIntake.Prepared request) {
        try {
            return submit(client, request).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    /** Transactions committed and requests written through them (for tests and the bench). */
    long commits() { return commits.get(); }

    long written() { return written.get(); }

    /** For tests that need a group to gather reliably. */
    void maxWait(java.time.Duration wait) { this.maxWaitNanos = wait.toNanos(); }

    java.time.Duration maxWait() { return java.time.Duration.ofNanos(maxWaitNanos); }

    private synchronized void start() {
        if (!writers.isEmpty()) return;
        for (int i = 0; i < writerCount; i++) {
            writers.add(Thread.ofPlatform().name("reminder-group-commit-" + i).daemon(true).start(this::loop));
        }
    }

    @PreDestroy
    synchronized void stop() {
        stopping = true;
        for (Thread w : writers) w.interrupt();
    }

    private void loop() {
        List<Job> group = new ArrayList<>(maxSize);
        while (!stopping) {
            try {
                group.add(queue.take());
                long deadline = System.nanoTime() + maxWaitNanos;
                while (group.size() < maxSize) {
                    queue.drainTo(group, maxSize - group.size());
                    long left = deadline - System.nanoTime();
                    if (group.size() >= maxSize || left <= 0) break;
                    Job next = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) break;
                    group.add(next);
                }
                writeGroup(group);
            } catch (InterruptedException e) {
                if (stopping) break;
            } catch (RuntimeException | Error e) {
                LOG.error("group commit failed unexpectedly", e);
                for (Job j : group) j.done().completeExceptionally(e);
            } finally {
                group.clear();
            }
        }
        Job left;
        while ((left = queue.poll()) != null) left.done().completeExceptionally(new IllegalStateException("the service is stopping"));
    }

    private void writeGroup(List<Job> group) { writeGroup(group, true); }

    private void writeGroup(List<Job> group, boolean retry) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Optional<UUID>> ids;
        try {
            ids = db.inTransaction(c -> {
                Map<String, List<Integer>> byClient = new LinkedHashMap<>();
                for (int i = 0; i < group.size(); i++) byClient.computeIfAbsent(group.get(i).client(), k -> new ArrayList<>()).add(i);
                List<Optional<UUID>> out = new ArrayList<>(java.util.Collections.nCopies(group.size(), Optional.<UUID>empty()));
                for (var e : byClient.entrySet()) {
                    List<ReminderIntake.Prepared> requests = new ArrayList<>(e.getValue().size());
                    for (int i : e.getValue()) requests.add(group.get(i).request());
                    var outcomes = intake.acceptBatchWithin(c, e.getKey(), requests, now);
                    for (int k = 0; k < outcomes.size(); k++) {
                        if (outcomes.get(k) instanceof ReminderIntake.LineOutcome.Accepted a) out.set(e.getValue().get(k), Optional.of(a.id()));
                    }
                }
                return out;
            });
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                // A pooled connection the database dropped (it restarted) fails at once; one fresh try is safe, since
                // a group that did commit after all is found by its requestIds and answered as a replay.
                if (retry && io.tixing.api.DatabaseUnavailable.causedBy(e)) {
                    writeGroup(group, false);
                    return;
                }
                group.getFirst().done().completeExceptionally(e);
                return;
            }
            LOG.debugf("group of %d failed (%s); writing its requests one by one", group.size(), e.getMessage());
            for (Job j : group) writeGroup(List.of(j));
            return;
        }
        commits.incrementAndGet();
        written.addAndGet(group.size());
        for (int i = 0; i < group.size(); i++) group.get(i).done().complete(new Written(ids.get(i), now));
    }
}
