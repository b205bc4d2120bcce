package io.tixing.wave;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tixing.api.FieldError;
import io.tixing.api.Problem;
import io.tixing.api.ProblemException;
import io.tixing.borrower.BorrowerLocationRepository;
import io.tixing.borrower.BorrowerRepository;
import io.tixing.contactlog.ContactLogWriter;
import io.tixing.contactlog.LogEntry;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.reminder.ReminderRequest;
import io.tixing.reminder.ReminderValidator;
import io.tixing.rules.BorrowerRules;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code PUT /api/v1/loans/{id}}: enrolls a loan in a cadence or updates it. PAID or CLOSED stops the cadence at
 * once: its waiting reminders are cancelled, each with a contact-log entry.
 */
@ApplicationScoped
public class LoanEnrollments {

    public static final Set<String> STATUSES = Set.of("ACTIVE", "PAID", "CLOSED");

    /** The body: the loan's latest facts ({@code amountDue} is the balance), its status and cadence. */
    public record LoanUpdate(ReminderRequest.Borrower borrower, ReminderRequest.Loan loan, String status, String cadence) {}

    public record Enrollment(String loanId, String borrowerId, String status, String cadence, String zone, LocalDate dueDate,
                             long daysOverdue, List<String> stepsRun, Instant handedOffAt, long cancelled) {
        Enrollment withCancelled(long n) {
            return new Enrollment(loanId, borrowerId, status, cadence, zone, dueDate, daysOverdue, stepsRun, handedOffAt, n);
        }
    }

    private final Database db;
    private final Clock clock;
    private final Cadences cadences;
    private final BorrowerRepository borrowers;
    private final BorrowerRules rules;
    private final ReminderCancellation cancellation;
    private final ContactLogWriter log;
    private final ObjectMapper json;
    private final BorrowerLocationRepository locations;
    /** Template keys are the catalog's business; a cadence names them as strings. */
    private final ReminderValidator validator = new ReminderValidator(key -> true);

    public LoanEnrollments(Database db, Clock clock, Cadences cadences, BorrowerRepository borrowers, BorrowerRules rules,
                           ReminderCancellation cancellation, ContactLogWriter log, ObjectMapper json,
                           BorrowerLocationRepository locations) {
        this.db = db;
        this.clock = clock;
        this.cadences = cadences;
        this.borrowers = borrowers;
        this.rules = rules;
        this.cancellation = cancellation;
        this.log = log;
        this.json = json;
        this.locations = locations;
    }

    public Enrollment put(String client, String loanId, LoanUpdate u) {
        Instant now = clock.instant();
        String cadence = u == null || u.cadence() == null ? "default" : u.cadence();
        List<FieldError> errors = new ArrayList<>();
        if (u == null) throw ProblemException.badRequest("", "a JSON body is required");
        if (u.status() == null || !STATUSES.contains(u.status())) errors.add(new FieldError("status", "must be one of " + STATUSES));
        if (cadences.find(cadence).isEmpty()) errors.add(new FieldError("cadence", "unknown cadence '" + cadence + "'"));
        if (u.loan() != null && u.loan().id() != null && !u.loan().id().equals(loanId)) {
            errors.add(new FieldError("loan.id", "must match the loan id in the path"));
        }
        var b = u.borrower();
        List<String> reachable = new ArrayList<>();
        if (b != null && b.phone() != null) reachable.add("SMS");
        if (b != null && b.email() != null) reachable.add("EMAIL");
        if (b != null && reachable.isEmpty()) errors.add(new FieldError("borrower.phone", "a phone or an email is required for a cadence"));
        var probe = new ReminderRequest("cadence:" + loanId + ":enroll", b, u.loan(), null, reachable.isEmpty() ? List.of("SMS") : reachable,
                null, null);
        errors.addAll(validator.validate(probe, now));
        if (!errors.isEmpty()) throw new ProblemException(Problem.validation(errors));

        var record = WavePlanner.record(b);
        String zone = rules.resolve(record).displayZone().getId();
        LocalDate due = LocalDate.parse(u.loan().dueDate());
        long cancelled = db.inTransaction(c -> {
            borrowers.upsert(c, record, now);
            locations.record(c, record, now);
            borrowers.addStatedFlags(c, record.id(), record.flags(), "client:" + client, null, now);
            Sql.update(c, """
                    INSERT INTO loan_enrollment (client, loan_id, borrower_id, zone, cadence, status, due_date, request, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                    ON CONFLICT (client, loan_id) DO UPDATE SET borrower_id = EXCLUDED.borrower_id, zone = EXCLUDED.zone,
                      cadence = EXCLUDED.cadence, status = EXCLUDED.status, due_date = EXCLUDED.due_date, request = EXCLUDED.request,
                      updated_at = EXCLUDED.updated_at""",
                    client, loanId, b.id(), zone, cadence, u.status(), due, toJson(u), now, now);
            return 0L;
        });
        if (!u.status().equals("ACTIVE")) cancelled = stop(client, loanId, b.id(), u.status(), zone, now);
        return view(client, loanId).orElseThrow().withCancelled(cancelled);
    }

    /**
     * A promise to pay: the loan's cadence takes no step until {@code resumeOn} (the day after the promised date, on
     * the borrower's calendar). A later promise moves the pause; an earlier one never shortens it. A LIFECYCLE entry
     * (CADENCE_PAUSED) says until when and why. Reminders already queued are left to the policy.
     *
     * @return false when the loan is not enrolled in a cadence (nothing to pause)
     */
    public boolean pauseUntil(java.sql.Connection c, String client, String loanId, String borrowerId, LocalDate resumeOn, String why,
                              Instant now) throws java.sql.SQLException {
        String zone;
        try (var ps = Sql.prepare(c, """
                UPDATE loan_enrollment SET paused_until = greatest(coalesce(paused_until, ?::date), ?::date), updated_at = ?
                WHERE client = ? AND loan_id = ? RETURNING zone""", resumeOn, resumeOn, now, client, loanId); var rs = ps.executeQuery()) {
            if (!rs.next()) return false;
            zone = rs.getString(1);
        }
        log.append(c, LogEntry.of(LogEntry.Kind.LIFECYCLE, now).borrowerClock(java.time.ZoneId.of(zone)).borrower(borrowerId).loan(loanId)
                .outcome("CADENCE_PAUSED").actor("borrower").detail("cadence paused until " + resumeOn + ": " + why).build());
        return true;
    }

    /** Cancels the loan's waiting cadence reminders, in batches, and records why in the contact log. */
    private long stop(String client, String loanId, String borrowerId, String status, String zone, Instant now) {
        String why = "loan " + loanId + " is " + status + ": cadence stopped";
        long total = 0;
        for (int n; (n = db.inTransaction(c -> cancellation.cancel(c, "r.client = ? AND starts_with(r.request_id, ?)",
                List.of(client, "cadence:" + loanId + ":"), WaveControl.CANCEL_BATCH, "client:" + client, why, now))) >= 0; ) {
            total += n;
        }
        long cancelled = total;
        db.inTransaction(c -> {
            log.append(c, LogEntry.of(LogEntry.Kind.LIFECYCLE, now).borrowerClock(java.time.ZoneId.of(zone)).borrower(borrowerId)
                    .loan(loanId).outcome(status).actor("client:" + client).detail(why + "; " + cancelled + " pending reminder(s) cancelled").build());
            return null;
        });
        return cancelled;
    }

    public java.util.Optional<Enrollment> view(String client, String loanId) {
        Instant now = clock.instant();
        return db.read(c -> {
            Enrollment e;
            try (var ps = Sql.prepare(c, "SELECT * FROM loan_enrollment WHERE client = ? AND loan_id = ?", client, loanId); var rs = ps.executeQuery()) {
                if (!rs.next()) return java.util.Optional.empty();
                String zone = rs.getString("zone");
                LocalDate due = rs.getObject("due_date", LocalDate.class);
                e = new Enrollment(loanId, rs.getString("borrower_id"), rs.getString("status"), rs.getString("cadence"), zone, due,
                        CadenceAdvance.daysOverdue(due, now, java.time.ZoneId.of(zone)), List.of(), Sql.instant(rs, "handed_off_at"), 0);
            }
            List<String> steps = new ArrayList<>();
            try (var ps = Sql.prepare(c, "SELECT step FROM cadence_step_run WHERE client = ? AND loan_id = ? ORDER BY day, run_at", client, loanId);
                 var rs = ps.executeQuery()) {
                while (rs.next()) steps.add(rs.getString(1));
            }
            return java.util.Optional.of(new Enrollment(e.loanId(), e.borrowerId(), e.status(), e.cadence(), e.zone(), e.dueDate(),
                    e.daysOverdue(), steps, e.handedOffAt(), 0));
        });
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
