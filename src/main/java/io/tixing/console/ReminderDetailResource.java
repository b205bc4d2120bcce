package io.tixing.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.identity.SecurityIdentity;
import io.tixing.api.ProblemException;
import io.tixing.contactlog.ComplianceAudit;
import io.tixing.contactlog.ReasonTexts;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.reminder.ReminderRepository;
import io.tixing.reminder.ReminderView;
import io.tixing.security.Masking;
import io.tixing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * {@code GET /api/v1/reminders/{id}/detail}: everything a reviewer needs to see why one reminder went as it did, in
 * one call: the request as accepted (masked unless the caller has {@code pii}), every decision with its reason codes,
 * rule pack and next lawful instant, the attempts with their delivery status and the message as rendered, and the
 * reminder's contact-log entries. Reason codes come as codes: the console words them in the reviewer's language.
 */
@Path("/api/v1/reminders/{id}/detail")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.COMPLIANCE, Roles.ADMIN})
public class ReminderDetailResource {

    static final int MAX_ENTRIES = 500;

    public record Message(UUID attemptId, String channel, String locale, String subject, String body) {}

    public record Entry(long seq, Instant at, String zone, String localTime, String kind, String channel, String destination,
                        String decision, List<String> reasons, String rulePack, String outcome, Instant until, String templateKey,
                        String templateVersion, String actor, String detail) {}

    /**
     * @param zone        the borrower's zone as the log recorded it (for showing times on the borrower's clock)
     * @param unmasked    true when request and messages are shown in full (pii right; the read is audited)
     * @param language    the language of {@code reasonTexts} ({@code lang=}, else Accept-Language: zh-CN or en-US)
     * @param reasonTexts every reason code in the decisions and entries, in words
     */
    public record Detail(ReminderView reminder, JsonNode request, String zone, boolean unmasked, List<Message> messages,
                         List<Entry> entries, boolean truncated, String language, Map<String, String> reasonTexts) {}

    private final Database db;
    private final ReminderRepository reminders;
    private final ObjectMapper json;
    private final SecurityIdentity identity;
    private final ComplianceAudit audit;

    public ReminderDetailResource(Database db, ReminderRepository reminders, ObjectMapper json, SecurityIdentity identity, ComplianceAudit audit) {
        this.db = db;
        this.reminders = reminders;
        this.json = json;
        this.identity = identity;
        this.audit = audit;
    }

    @GET
    @Operation(summary = "One reminder and why it was decided as it was",
            description = "The request (borrower name, phone and email masked unless the caller has the pii right), decisions with "
                    + "reason codes, rule pack and next lawful instant, attempts and delivery status, the rendered messages and the "
                    + "reminder's contact-log entries (at most 500), in one call, with every reason code in words (lang=zh-CN or en-US, "
                    + "else Accept-Language). Operators, compliance and admins.")
    public Detail detail(@PathParam("id") String id, @QueryParam("lang") String lang, @HeaderParam("Accept-Language") String acceptLanguage) {
        if (lang != null && !lang.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")) throw ProblemException.badRequest("lang", "must be a language tag, e.g. zh-CN");
        ReasonTexts texts = ReasonTexts.forLanguage(ReasonTexts.language(lang, acceptLanguage));
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("reminder " + id);
        }
        boolean unmasked = identity.hasRole(Roles.PII);
        ReminderView view = reminders.view(uuid, !unmasked).orElseThrow(() -> ProblemException.notFound("reminder " + id));
        record Loaded(JsonNode request, List<Message> messages, List<Entry> entries) {}
        Loaded loaded = db.read(c -> {
            JsonNode request = null;
            try (var ps = Sql.prepare(c, "SELECT request::text FROM reminder WHERE id = ?", uuid); var rs = ps.executeQuery()) {
                if (rs.next()) request = parse(rs.getString(1));
            }
            String name = request == null ? null : request.path("borrower").path("name").asText(null);
            List<Message> messages = new ArrayList<>();
            try (var ps = Sql.prepare(c, "SELECT id, channel, locale, subject, body FROM attempt WHERE reminder_id = ? AND body IS NOT NULL ORDER BY seq", uuid);
                 var rs = ps.executeQuery()) {
                while (rs.next()) {
                    messages.add(new Message(rs.getObject("id", UUID.class), rs.getString("channel"), rs.getString("locale"),
                            maskName(rs.getString("subject"), name, unmasked), maskName(rs.getString("body"), name, unmasked)));
                }
            }
            List<Entry> entries = new ArrayList<>();
            try (var ps = Sql.prepare(c, "SELECT * FROM contact_log WHERE reminder_id = ? ORDER BY seq LIMIT ?", uuid, MAX_ENTRIES + 1);
                 var rs = ps.executeQuery()) {
                while (rs.next()) entries.add(entry(rs));
            }
            return new Loaded(request == null ? null : unmasked ? request : masked(request), messages, entries);
        });
        boolean truncated = loaded.entries().size() > MAX_ENTRIES;
        List<Entry> entries = truncated ? loaded.entries().subList(0, MAX_ENTRIES) : loaded.entries();
        String zone = entries.stream().map(Entry::zone).filter(z -> z != null).findFirst()
                .orElse(loaded.request() == null ? null : loaded.request().path("borrower").path("timezone").asText(null));
        if (unmasked) audit.record("api:" + identity.getPrincipal().getName(), "UNMASKED_READ", view.borrowerId(), "reminder detail " + id);
        Map<String, String> reasonTexts = new TreeMap<>();
        view.decisions().forEach(d -> d.reasons().forEach(code -> reasonTexts.put(code, texts.reason(code))));
        entries.forEach(e -> e.reasons().forEach(code -> reasonTexts.put(code, texts.reason(code))));
        return new Detail(view, loaded.request(), zone, unmasked, loaded.messages(), entries, truncated,
                ReasonTexts.language(lang, acceptLanguage), reasonTexts);
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored request of a reminder is not JSON", e);
        }
    }

    /** The borrower's name, phone and email in their masked forms (as the contact log shows them). */
    private static JsonNode masked(JsonNode request) {
        JsonNode copy = request.deepCopy();
        if (copy.path("borrower") instanceof ObjectNode b) {
            if (b.hasNonNull("name")) b.put("name", Masking.name(b.get("name").asText()));
            if (b.hasNonNull("phone")) b.put("phone", Masking.phone(b.get("phone").asText()));
            if (b.hasNonNull("email")) b.put("email", Masking.email(b.get("email").asText()));
        }
        return copy;
    }

    private static String maskName(String text, String name, boolean unmasked) {
        if (text == null || unmasked || name == null || name.isBlank()) return text;
        return text.replace(name.strip(), Masking.name(name));
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getLong("seq"), Sql.instant(rs, "at"), rs.getString("zone"), rs.getString("local_time"), rs.getString("kind"),
                rs.getString("channel"), rs.getString("destination_masked"), rs.getString("decision"), Sql.strings(rs, "reasons"),
                rs.getString("rule_pack"), rs.getString("outcome"), Sql.instant(rs, "until"), rs.getString("template_key"),
                rs.getString("template_version"), rs.getString("actor"), rs.getString("detail"));
    }
}
