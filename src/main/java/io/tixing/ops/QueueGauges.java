package io.tixing.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.tixing.dispatch.TaskState;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Queue depth as gauges, from two read-only queries run every {@code tixing.metrics.refresh-interval} (one scan of the
 * pending tasks through their partial index, one count per open wave through {@code reminder_wave}); a scrape only
 * reads the last values, so scraping often costs the database nothing. Every instance reports the same numbers: they
 * describe the shared queue, so alert on {@code max} across instances, not {@code sum}.
 */
@Startup
@ApplicationScoped
public class QueueGauges {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(QueueGauges.class);

    /** The last numbers read; replaced whole so a scrape never sees half of one refresh. */
    record Snapshot(long due, long overdue, double oldestDueSeconds, long deferred, long leased) {}

    private final DataSource dataSource;
    private final Clock clock;
    private final MetricsConfig config;
    private final MultiGauge wavePending;
    private volatile Snapshot snapshot = new Snapshot(0, 0, 0, 0, 0);

    public QueueGauges(DataSource dataSource, Clock clock, MetricsConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.config = config;
        Gauge.builder("tixing.queue.due", this, g -> g.snapshot.due()).register(registry);
        Gauge.builder("tixing.queue.overdue", this, g -> g.snapshot.overdue()).register(registry);
        Gauge.builder("tixing.queue.oldest.due.age", this, g -> g.snapshot.oldestDueSeconds()).baseUnit("seconds").register(registry);
        Gauge.builder("tixing.queue.deferred", this, g -> g.snapshot.deferred()).register(registry);
        Gauge.builder("tixing.queue.leased", this, g -> g.snapshot.leased()).register(registry);
        this.wavePending = MultiGauge.builder("tixing.wave.pending").register(registry);
    }

    @Scheduled(every = "{tixing.metrics.refresh-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledRefresh() {
        try {
            refresh();
        } catch (SQLException e) {
            // The database being away is readiness's news; the gauges keep their last values meanwhile.
            LOG.debugf("queue gauges not refreshed: %s", e.getMessage());
        }
    }

    /** Reads the queue now (also what a test calls instead of waiting for the schedule). */
    public void refresh() throws SQLException {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT count(*) FILTER (WHERE state = ? AND due_at <= ?),
                           count(*) FILTER (WHERE state = ? AND due_at <= ?),
                           min(due_at) FILTER (WHERE state = ? AND due_at <= ?),
                           count(*) FILTER (WHERE state = ? AND due_at > ?),
                           count(*) FILTER (WHERE state = ?)
                    FROM dispatch_task WHERE state IN (?, ?)""")) {
                Timestamp at = Timestamp.from(now);
                String pending = TaskState.PENDING.name(), leased = TaskState.LEASED.name();
                ps.setString(1, pending);
                ps.setTimestamp(2, at);
                ps.setString(3, pending);
                ps.setTimestamp(4, Timestamp.from(now.minus(config.overdueAfter())));
                ps.setString(5, pending);
                ps.setTimestamp(6, at);
                ps.setString(7, pending);
                ps.setTimestamp(8, at);
                ps.setString(9, leased);
                ps.setString(10, pending);
                ps.setString(11, leased);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    Timestamp oldest = rs.getTimestamp(3);
                    double age = oldest == null ? 0 : Math.max(0, Duration.between(oldest.toInstant(), now).toMillis() / 1000.0);
                    snapshot = new Snapshot(rs.getLong(1), rs.getLong(2), age, rs.getLong(4), rs.getLong(5));
                }
            }
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT w.id,
                           (SELECT count(*) FROM wave_staged s WHERE s.wave_id = w.id)
                         + (SELECT count(*) FROM reminder r WHERE r.wave_id = w.id AND r.status IN ('QUEUED', 'DEFERRED', 'SENDING'))
                    FROM wave w WHERE w.state IN ('LOADING', 'ACTIVE', 'PAUSED')""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.add(MultiGauge.Row.of(Tags.of("wave", rs.getString(1)), rs.getLong(2)));
            }
            wavePending.register(rows, true);
        }
    }

    Snapshot snapshot() { return snapshot; }

}
