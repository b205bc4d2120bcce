package io.tixing.contactlog;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.tixing.db.Database;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes the state of every chain outside the database: on a schedule and at shutdown, the committed chain
 * heads (id, length, last hash) are signed with the anchor key and written to the anchor folder (and, when
 * configured, POSTed to the lender's evidence store). A superuser who cuts back or rewrites a chain together with
 * its head row can no longer make verification say OK: the anchor remembers what the chain was.
 */
@ApplicationScoped
public class ChainAnchoring {

    private static final Logger LOG = Logger.getLogger(ChainAnchoring.class);

    private final Database db;
    private final AnchorStore store;
    private final Clock clock;
    private final AnchorPost post;

    public ChainAnchoring(Database db, AnchorStore store, Clock clock, ContactLogConfig config) {
        this.db = db;
        this.store = store;
        this.clock = clock;
        this.post = config.anchorUrl().filter(u -> !u.isBlank())
                .map(u -> new AnchorPost(URI.create(u), config.anchorPostAttempts(), config.anchorPostBackoff())).orElse(null);
    }

    @Scheduled(identity = "contact-log-anchor", every = "${tixing.contact-log.anchor-interval:5m}", delay = 1,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() { anchorNow(); }

    /** The last word before the service stops: whatever was appended since the last scheduled anchor is covered too. */
    void atShutdown(@Observes @Priority(1) ShutdownEvent event) {
        try {
            anchorNow();
        } catch (RuntimeException e) {
            LOG.warnf("no anchor written at shutdown: %s", e.getMessage());
        }
    }

    /** Signs and writes the current state of every chain; returns the stored anchor. Also used by tests. */
    public AnchorStore.Stored anchorNow() {
        List<Anchor.ChainState> chains = db.read(c -> {
            List<Anchor.ChainState> out = new ArrayList<>();
            try (var ps = c.prepareStatement("SELECT chain_id, length, last_hash FROM contact_log_chain ORDER BY chain_id");
                 var rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Anchor.ChainState(rs.getInt(1), rs.getLong(2), rs.getString(3)));
            }
            return out;
        });
        var stored = store.write(new Anchor(Anchor.FORMAT, 0, clock.instant().truncatedTo(ChronoUnit.MICROS), null, chains, null));
        LOG.debugf("anchor %d written: %d chains, %s", stored.anchor().seq(), chains.size(), stored.file());
        if (post != null) post.send(store.toJson(stored.anchor()), stored.anchor().seq());
        return stored;
    }
}
