package io.tixing.contactlog;

import io.quarkus.security.identity.SecurityIdentity;
import io.tixing.api.ProblemException;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.security.Masking;
import io.tixing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A borrower's whole story from the contact log, oldest first: requests, decisions, attempts with the message as
 * sent, delivery statuses, replies, opt-outs and holds. Contact points and names are masked unless the caller has
 * the {@code pii} right; an unmasked read is itself recorded as an AUDIT entry.
 */
@Path("/api/v1/borrowers/{id}/timeline")
@Produces(MediaType.APPLICATION_JSON)
public class BorrowerTimelineResource {

    static final int MAX_EVENTS = 5000;

    private final Database db;
    private final ComplianceAudit audit;

    public BorrowerTimelineResource(Database db, ComplianceAudit audit) {
        this.db = db;
        this.audit = audit;
    }

    private record Borrower(String name, String zone) {}

    private record Loaded(Borrower borrower, List<TimelineEvent> events) {}

    @GET
    @RolesAllowed({Roles.COMPLIANCE, Roles.OPERATOR, Roles.ADMIN, Roles.AGENT})
    public TimelineEvent.Timeline timeline(@PathParam("id") String borrowerId, @QueryParam("lang") String lang,
                                           @HeaderParam("Accept-Language") String acceptLanguage, @Context SecurityIdentity caller) {
        if (borrowerId.isBlank() || borrowerId.length() > 200) throw ProblemException.badRequest("id", "must be 1 to 200 characters");
        if (lang != null && !lang.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")) throw ProblemException.badRequest("lang", "must be a language tag, e.g. zh-CN");
        String language = ReasonTexts.language(lang, acceptLanguage);
        ReasonTexts texts = ReasonTexts.forLanguage(language);
        boolean unmasked = caller.hasRole(Roles.PII);
        var result = db.read(c -> {
            Borrower borrower = null;
            try (var ps = Sql.prepare(c, "SELECT name, timezone FROM borrower WHERE id = ?", borrowerId); var rs = ps.executeQuery()) {
                if (rs.next()) borrower = new Borrower(rs.getString(1), rs.getString(2));
            }
            List<TimelineEvent> events = new ArrayList<>();
            try (var ps = Sql.prepare(c, """
                    SELECT l.*, a.subject, a.body, a.locale AS message_locale, a.destination AS full_destination
                    FROM contact_log l LEFT JOIN attempt a ON a.id = l.attempt_id AND l.kind = 'ATTEMPT'
                    WHERE l.borrower_id = ? ORDER BY l.at, l.seq LIMIT ?""", borrowerId, MAX_EVENTS + 1);
                 var rs = ps.executeQuery()) {
                while (rs.next()) events.add(event(rs, borrower, texts, unmasked));
            }
            return new Loaded(borrower, events);
        });
        Borrower borrower = result.borrower();
        List<TimelineEvent> events = result.events();
        if (borrower == null && events.isEmpty()) throw ProblemException.notFound("borrower " + borrowerId);
        boolean truncated = events.size() > MAX_EVENTS;
        if (truncated) events = events.subList(0, MAX_EVENTS);
        if (unmasked) {
            audit.record(caller.getPrincipal().getName(), "UNMASKED_READ", borrowerId,
                    "borrower timeline read with the pii right: " + events.size() + " events");
        }
        String zone = borrower != null && borrower.zone() != null ? borrower.zone()
                : events.stream().map(TimelineEvent::zone).filter(z -> z != null).findFirst().orElse(null);
        return new TimelineEvent.Timeline(borrowerId, zone, language, unmasked, truncated, events);
    }

    private static TimelineEvent event(ResultSet rs, Borrower borrower, ReasonTexts texts, boolean unmasked) throws SQLException {
        String kind = rs.getString("kind");
        String zone = rs.getString("zone");
        String decision = rs.getString("decision");
        List<TimelineEvent.Reason> reasons = Sql.strings(rs, "reasons").stream()
                .map(code -> new TimelineEvent.Reason(code, texts.reason(code))).toList();
        Instant until = Sql.instant(rs, "until");
        String untilLocal = local(until, zone);
        TimelineEvent.Message message = null;
        String destination = rs.getString("destination_masked");
        if ("ATTEMPT".equals(kind) && rs.getString("body") != null) {
            String name = borrower == null ? null : borrower.name();
            message = new TimelineEvent.Message(rs.getString("message_locale"), maskName(rs.getString("subject"), name, unmasked),
                    maskName(rs.getString("body"), name, unmasked));
            if (unmasked && rs.getString("full_destination") != null) destination = rs.getString("full_destination");
        }
        return new TimelineEvent(rs.getLong("seq"), Sql.instant(rs, "at"), rs.getString("local_time"), zone, kind, texts.kind(kind),
                rs.getString("channel"), decision, texts.decision(decision), reasons, explain(texts, decision, reasons, untilLocal, until),
                rs.getString("outcome"), destination, rs.getString("template_key"), rs.getString("template_version"),
                rs.getObject("reminder_id", UUID.class), rs.getObject("attempt_id", UUID.class), until, untilLocal, message,
                rs.getString("actor"), rs.getString("detail"));
    }

    /** "Deferred: outside the allowed contact hours…; moved to 2026-11-24T07:00+08:00" — the decision in one sentence. */
    static String explain(ReasonTexts texts, String decision, List<TimelineEvent.Reason> reasons, String untilLocal, Instant until) {
        if (decision == null) return null;
        boolean zh = texts.decisions().get("ALLOW").equals("允许发送");
        StringBuilder out = new StringBuilder(texts.decision(decision));
        if (!reasons.isEmpty()) {
            out.append(zh ? "：" : ": ");
            out.append(String.join(zh ? "；" : "; ", reasons.stream().map(TimelineEvent.Reason::text).toList()));
        }
        if (until != null) out.append(zh ? "；改在 " : "; moved to ").append(untilLocal != null ? untilLocal : until.toString());
        return out.toString();
    }

    /** Without the pii right, the borrower's full name in a stored message is replaced by its masked form. */
    private static String maskName(String text, String name, boolean unmasked) {
        if (text == null || unmasked || name == null || name.isBlank()) return text;
        return text.replace(name.strip(), Masking.name(name));
    }

    private static String local(Instant instant, String zone) {
        if (instant == null || zone == null) return null;
        try {
            return instant.atZone(ZoneId.of(zone)).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
