package io.tixing.contactlog;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Keeps monthly partitions of contact_log ready ahead of time (the current UTC month and
 * {@code tixing.contact-log.partitions-ahead} more), on start and daily, through the owner-side function
 * {@code contact_log_ensure_partitions}: an entry never waits for DDL, and a month never starts in the default
 * partition (from which it could not be dropped whole).
 */
@ApplicationScoped
public class ContactLogPartitions {

    private static final Logger LOG = Logger.getLogger(ContactLogPartitions.class);

    private final Database db;
    private final Clock clock;
    private final ContactLogConfig config;

    public ContactLogPartitions(Database db, Clock clock, ContactLogConfig config) {
        this.db = db;
        this.clock = clock;
        this.config = config;
    }

    void atStart(@Observes StartupEvent event) { ensureAhead(); }

    @Scheduled(identity = "contact-log-partitions", cron = "${tixing.contact-log.partition-cron:0 15 0 * * ?}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() { ensureAhead(); }

    /** Creates the missing partitions from the current month on; returns how many were created. */
    public int ensureAhead() { return ensure(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), config.partitionsAhead() + 1); }

    /** Creates the missing monthly partitions from {@code from}'s month for {@code months} months. */
    public int ensure(LocalDate from, int months) {
        int created = db.read(c -> {
            try (var ps = Sql.prepare(c, "SELECT contact_log_ensure_partitions(?, ?)", from, months); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
        if (created > 0) LOG.infof("contact log: %d monthly partitions created from %s", created, from.withDayOfMonth(1));
        return created;
    }
}
