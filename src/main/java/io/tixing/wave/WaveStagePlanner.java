package io.tixing.wave;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.dispatch.TaskRepository;
import io.tixing.reminder.ReminderIntake;
import io.tixing.reminder.ReminderRequest;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Plans staged wave recipients: each batch takes up to {@code tixing.waves.plan-batch} rows of one wave from
 * {@code wave_staged} under {@code FOR UPDATE SKIP LOCKED} (so any number of instances and threads split the work),
 * writes their reminders, dispatch tasks and REQUEST contact-log entries with batched statements
 * ({@link ReminderIntake#acceptAllWithin}) and deletes the staged rows, all in one transaction.
 *
 * The batch holds the wave row {@code FOR SHARE}: pause, resume and cancel (which take it {@code FOR UPDATE}) wait for
 * a batch in flight and every later batch sees their state. Recipients planned into a paused wave get HELD tasks;
 * recipients of a cancelled wave are planned and cancelled in the same transaction (REQUEST then LIFECYCLE entry),
 * exactly as if they had been planned before the cancel.
 */
@ApplicationScoped
public class WaveStagePlanner {

    private static final Logger LOG = Logger.getLogger(WaveStagePlanner.class);

    private final Database db;
    private final Clock clock;
    private final ReminderIntake reminders;
    private final ReminderCancellation cancellation;
    private final WaveRepository waves;
    private final ObjectMapper json;
    private final TaskRepository tasks;
    private final int batchSize;
    private final int threads;
    private final ExecutorService pool;
    /** Uploads streaming on this instance right now: background planning here waits for them (intake first). */
    private final java.util.concurrent.atomic.AtomicInteger uploads = new java.util.concurrent.atomic.AtomicInteger();

    public WaveStagePlanner(Database db, Clock clock, ReminderIntake reminders, ReminderCancellation cancellation, WaveRepository waves,
                            ObjectMapper json, TaskRepository tasks,
                            @ConfigProperty(name = "tixing.waves.plan-batch", defaultValue = "1000") int batchSize,
                            @ConfigProperty(name = "tixing.waves.plan-threads", defaultValue = "2") int threads) {
        this.db = db;
        this.clock = clock;
        this.reminders = reminders;
        this.cancellation = cancellation;
        this.waves = waves;
        this.json = json;
        this.tasks = tasks;
        this.batchSize = batchSize;
        this.threads = Math.max(1, threads);
        // Kept for the service's life: a pool made per tick would start and stop its threads every second, idle or not.
        this.pool = Executors.newFixedThreadPool(this.threads, Thread.ofPlatform().name("wave-planner-", 0).daemon().factory());
    }

    @Scheduled(identity = "wave-planner", every = "${tixing.waves.plan-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            planAll();
        } catch (RuntimeException e) {
            LOG.warn("planning staged wave recipients failed; will retry on the next tick", e);
        }
    }

    /**
     * Marks an upload as streaming on this instance until the returned handle is closed. While any is, the background
     * planner of this instance stops between batches: on a small machine validating and staging an upload is CPU-bound,
     * and a planner running alongside would slow acceptance several times over. Planning then catches up at full speed;
     * other instances' planners are not affected.
     */
    interface Upload extends AutoCloseable {
        @Override void close();
    }

    Upload uploading() {
        uploads.incrementAndGet();
        return uploads::decrementAndGet;
    }

    /** Plans every staged recipient of every wave, with {@code tixing.waves.plan-threads} workers; returns how many. */
    public long planAll() {
        if (uploads.get() > 0) return 0;
        // One batch first, in this thread: on the usual idle tick there is nothing staged, and the workers stay asleep.
        long first = batchWithRetry(null);
        if (first == 0) return 0;
        if (threads == 1) return first + drainUnlessUploading();
        List<Future<Long>> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) workers.add(pool.submit(this::drainUnlessUploading));
        long total = first;
        for (Future<Long> f : workers) {
            try {
                total += f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) throw re;
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return total;
    }

    @PreDestroy
    void stop() { pool.shutdownNow(); }

    /** Plans the staged recipients of one wave (all waves when null) in this thread; returns how many rows it took. */
    public long drain(UUID waveId) {
        long total = 0;
        for (int n; (n = batchWithRetry(waveId)) > 0; ) total += n;
        return total;
    }

    private long drainUnlessUploading() {
        long total = 0;
        for (int n; uploads.get() == 0 && (n = batchWithRetry(null)) > 0; ) total += n;
        return total;
    }

    private int batchWithRetry(UUID waveId) {
        for (int attempt = 1; ; attempt++) {
            try {
                return db.inTransaction(c -> batch(c, waveId));
            } catch (Database.DataAccessException e) {
                boolean retryable = "40P01".equals(e.sqlState()) || "40001".equals(e.sqlState());
                if (!retryable || attempt == 3) throw e;
            }
        }
    }

    private record Staged(long line, ReminderIntake.Planned planned) {}

    /** One batch of one wave; returns how many staged rows it took (0: nothing left that is not locked by someone else). */
    private int batch(Connection c, UUID only) throws SQLException {
        UUID waveId = only;
        if (waveId == null) {
            try (var ps = Sql.prepare(c, "SELECT wave_id FROM wave_staged LIMIT 1 FOR UPDATE SKIP LOCKED"); var rs = ps.executeQuery()) {
                if (!rs.next()) return 0;
                waveId = rs.getObject(1, UUID.class);
            }
        }
        String client, name, state, cancelledBy;
        try (var ps = Sql.prepare(c, "SELECT client, name, state, cancelled_by FROM wave WHERE id = ? FOR SHARE", waveId);
             var rs = ps.executeQuery()) {
            if (!rs.next()) return 0;
            client = rs.getString(1);
            name = rs.getString(2);
            state = rs.getString(3);
            cancelledBy = rs.getString(4);
        }
        List<Staged> staged = new ArrayList<>(batchSize);
        try (var ps = Sql.prepare(c, """
                SELECT line, request, due_at FROM wave_staged WHERE wave_id = ? ORDER BY line LIMIT ? FOR UPDATE SKIP LOCKED""",
                waveId, batchSize); var rs = ps.executeQuery()) {
            while (rs.next()) {
                staged.add(new Staged(rs.getLong(1), new ReminderIntake.Planned(read(rs.getString(2)), Sql.instant(rs, "due_at"))));
            }
        }
        if (staged.isEmpty()) return 0;
        Long[] lines = staged.stream().map(Staged::line).toArray(Long[]::new);
        Sql.update(c, "DELETE FROM wave_staged WHERE wave_id = ? AND line = ANY(?)", waveId, c.createArrayOf("bigint", lines));
        Instant now = clock.instant();
        List<UUID> written = reminders.acceptAllWithin(c, client, staged.stream().map(Staged::planned).toList(), waveId, now);
        // accepted counted every staged row; a requestId that already existed (not possible for a fresh wave id) is not a recipient
        if (written.size() < staged.size()) waves.count(c, waveId, written.size() - staged.size(), 0, now);
        if (written.isEmpty()) return staged.size();
        if (WaveRepository.State.PAUSED.name().equals(state)) {
            tasks.hold(c, written, now);
        } else if (WaveRepository.State.CANCELLED.name().equals(state)) {
            String why = "wave '" + name + "' (" + waveId + ") cancelled by " + cancelledBy;
            var ids = c.createArrayOf("uuid", written.toArray(UUID[]::new));
            cancellation.cancel(c, "r.id = ANY(?)", List.of(ids), written.size() * 4, cancelledBy, why, now);
        }
        return staged.size();
    }

    private ReminderRequest read(String request) {
        try {
            return json.readValue(request, ReminderRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a staged wave recipient is unreadable", e);
        }
    }
}
