package io.tixing.contactlog;

import io.tixing.db.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * Writes AUDIT entries for compliance actions on the log itself (export, unmasked read, retention purge),
 * each in its own transaction so the record exists even if the action's response later fails.
 */
@ApplicationScoped
public class ComplianceAudit {

    private final Database db;
    private final ContactLogWriter writer;
    private final Clock clock;

    public ComplianceAudit(Database db, ContactLogWriter writer, Clock clock) {
        this.db = db;
        this.writer = writer;
        this.clock = clock;
    }

    /** {@code borrowerId} is null for actions on the log as a whole (they go to chain 0). */
    public void record(String actor, String outcome, String borrowerId, String detail) {
        db.inTransaction(c -> {
            writer.append(c, LogEntry.of(LogEntry.Kind.AUDIT, clock.instant()).borrower(borrowerId)
                    .actor(actor).outcome(outcome).detail(detail).build());
            return null;
        });
    }
}
