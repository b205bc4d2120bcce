package io.tixing.wave;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.tixing.borrower.BorrowerFlags;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.reminder.ReminderIntake;
import io.tixing.reminder.ReminderRequest;
import io.tixing.template.TemplateService;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The daily cadence job. It ticks hourly because borrowers' days start at different instants: each tick advances
 * the loans whose borrower-local date has changed since their last advance. Loans are claimed with
 * FOR UPDATE SKIP LOCKED and the date re-checked under the lock, so two instances never advance a loan twice a day;
 * the (loan, step) key makes each step's reminder exactly-once even so.
 */
@ApplicationScoped
public class CadenceAdvance {

    private static final Logger LOG = Logger.getLogger(CadenceAdvance.class);
    static final int BATCH = 100;
    /** A step's reminder that could not go out within this long is expired by the policy, not sent late. */
    static final Duration STEP_VALIDITY = Duration.ofDays(2);

    private record Loan(String client, String loanId, ZoneId zone, String cadence, LocalDate dueDate, ReminderRequest snapshot) {}

    private final Database db;
    private final Clock clock;
    private final Cadences cadences;
    private final ReminderIntake intake;
    private final Escalation escalation;
    private final TemplateService templates;
    private final ObjectMapper json;
    private final BorrowerFlags borrowerFlags;

    public CadenceAdvance(Database db, Clock clock, Cadences cadences, ReminderIntake intake, Escalation escalation,
                          TemplateService templates, ObjectMapper json, BorrowerFlags borrowerFlags) {
        this.borrowerFlags = borrowerFlags;
        this.db = db;
        this.clock = clock;
        this.cadences = cadences;
        this.intake = intake;
        this.escalation = escalation;
        this.templates = templates;
        this.json = json;
    }

    @Scheduled(identity = "cadence-advance", every = "${tixing.cadence.advance-interval:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            advanceDue();
        } catch (RuntimeException e) {
            LOG.warn("cadence advance failed; will retry on the next tick", e);
        }
    }

    /** Advances every loan whose local date moved on; returns how many loans were advanced. */
    public int advanceDue() {
        int total = 0;
        for (int n; (n = db.inTransaction(this::advanceBatch)) > 0; ) total += n;
        return total;
    }

    private int advanceBatch(Connection c) throws SQLException {
        Instant now = clock.instant();
        List<Loan> loans = new ArrayList<>();
        try (var ps = Sql.prepare(c, """
                SELECT client, loan_id, zone, cadence, due_date, request::text FROM loan_enrollment
                WHERE status = 'ACTIVE' AND handed_off_at IS NULL
                  AND (last_advanced_on IS NULL OR last_advanced_on < (?::timestamptz AT TIME ZONE zone)::date)
                  AND (paused_until IS NULL OR paused_until <= (?::timestamptz AT TIME ZONE zone)::date)
                ORDER BY last_advanced_on NULLS FIRST LIMIT ? FOR UPDATE SKIP LOCKED""", now, now, BATCH); var rs = ps.executeQuery()) {
            while (rs.next()) {
                var update = read(rs.getString(6));
                loans.add(new Loan(rs.getString(1), rs.getString(2), ZoneId.of(rs.getString(3)), rs.getString(4),
                        rs.getObject(5, LocalDate.class), new ReminderRequest(null, update.borrower(), update.loan(), null, null, null, null)));
            }
        }
        for (Loan loan : loans) {
            var savepoint = c.setSavepoint();
            try {
                advance(c, loan, now);
            } catch (SQLException | RuntimeException e) {
                // One bad loan must not stall everyone: it is skipped for this local day and logged.
                c.rollback(savepoint);
                LOG.errorf(e, "cadence advance of loan %s (client %s) failed; skipped for today", loan.loanId(), loan.client());
            }
            Sql.update(c, "UPDATE loan_enrollment SET last_advanced_on = ?, updated_at = ? WHERE client = ? AND loan_id = ?",
                    now.atZone(loan.zone()).toLocalDate(), now, loan.client(), loan.loanId());
        }
        return loans.size();
    }

    private void advance(Connection c, Loan loan, Instant now) throws SQLException {
        Cadence cadence = cadences.find(loan.cadence()).orElseThrow(() -> new IllegalStateException("unknown cadence " + loan.cadence()));
        int days = (int) daysOverdue(loan.dueDate(), now, loan.zone());
        var b = loan.snapshot().borrower();
        Set<String> flags = b.flags() == null ? new HashSet<>() : new HashSet<>(b.flags());
        // The person's sticky flags too (a HARDSHIP the borrower told us in a reply is not in the loan's snapshot).
        borrowerFlags.inForce(c, b.id()).forEach(f -> flags.add(f.name()));
        int unanswered = escalation.unanswered(c, loan.client(), loan.loanId(), b.id());
        if (unanswered >= cadence.escalateAfterUnanswered() && cadence.handoff().isPresent()) {
            var step = cadence.handoff().get();
            if (claimStep(c, loan, step, null, "HANDOFF", now)) {
                escalation.escalate(c, loan.client(), loan.loanId(), b.id(), loan.zone(), cadence, step.key(), days, unanswered,
                        unanswered + " unanswered call(s) / undelivered message(s) since the last conversation", now);
            }
            return;
        }
        var reached = cadence.reached(days, flags, loan.snapshot().loan().riskTier());
        if (reached.isEmpty() || laterStepRan(c, loan, reached.get().day())) return;
        var step = reached.get();
        if (step.handoff()) {
            if (claimStep(c, loan, step, null, "HANDOFF", now)) {
                escalation.escalate(c, loan.client(), loan.loanId(), b.id(), loan.zone(), cadence, step.key(), days, unanswered,
                        "reached " + step.key() + " (" + days + " days overdue)", now);
            }
            return;
        }
        List<String> channels = step.channels().stream()
                .filter(ch -> ch.equals("EMAIL") ? b.email() != null : b.phone() != null).toList();
        if (channels.isEmpty()) {
            claimStep(c, loan, step, null, "SKIPPED_NO_CONTACT_POINT", now);
            return;
        }
        boolean first = !anyReminderYet(c, loan);
        var l = loan.snapshot().loan();
        var loanNow = new ReminderRequest.Loan(l.id(), l.creditor(), l.product(), l.amountDue(), l.currency(), l.dueDate(), days,
                l.riskTier(), l.hotline());
        var request = new ReminderRequest("cadence:" + loan.loanId() + ":" + step.key(), b, loanNow,
                cadence.templateFor(step, flags, first, templates::exists), channels, step.strategy(), now.plus(STEP_VALIDITY).toString());
        // The requestId is the exactly-once key of the step's reminder; the step row records which reminder it was.
        var id = intake.acceptWithin(c, loan.client(), request, null, now, now);
        if (id.isPresent()) claimStep(c, loan, step, id.get(), "CREATED", now);
    }

    /** Days overdue on the borrower's own calendar: local today minus the due date. */
    static long daysOverdue(LocalDate due, Instant now, ZoneId zone) { return ChronoUnit.DAYS.between(due, now.atZone(zone).toLocalDate()); }

    private static boolean claimStep(Connection c, Loan loan, Cadence.Step step, java.util.UUID reminder, String outcome, Instant now)
            throws SQLException {
        return Sql.update(c, """
                INSERT INTO cadence_step_run (client, loan_id, step, day, reminder_id, outcome, run_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", loan.client(), loan.loanId(), step.key(), step.day(), reminder, outcome, now) == 1;
    }

    /** Steps never run backwards: once D+7 ran, a late tick that computes D+3 does nothing. */
    private static boolean laterStepRan(Connection c, Loan loan, int day) throws SQLException {
        try (var ps = Sql.prepare(c, "SELECT 1 FROM cadence_step_run WHERE client = ? AND loan_id = ? AND day >= ?", loan.client(), loan.loanId(), day);
             var rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    private static boolean anyReminderYet(Connection c, Loan loan) throws SQLException {
        try (var ps = Sql.prepare(c, "SELECT 1 FROM cadence_step_run WHERE client = ? AND loan_id = ? AND outcome = 'CREATED'",
                loan.client(), loan.loanId()); var rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    private LoanEnrollments.LoanUpdate read(String text) {
        try {
            return json.readValue(text, LoanEnrollments.LoanUpdate.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored loan enrollment is unreadable", e);
        }
    }
}
