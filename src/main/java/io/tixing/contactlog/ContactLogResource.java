package io.tixing.contactlog;

import io.quarkus.security.identity.SecurityIdentity;
import io.tixing.api.ProblemException;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Compliance's read of the contact log: search (newest first, cursor by seq), CSV export, chain verification. */
@Path("/api/v1/contact-log")
@Produces(MediaType.APPLICATION_JSON)
public class ContactLogResource {

    private final Database db;
    private final ChainVerifier verifier;
    private final NightlyVerification nightly;
    private final ComplianceAudit audit;
    private final Clock clock;

    public ContactLogResource(Database db, ChainVerifier verifier, NightlyVerification nightly, ComplianceAudit audit, Clock clock) {
        this.db = db;
        this.verifier = verifier;
        this.nightly = nightly;
        this.audit = audit;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Roles.COMPLIANCE, Roles.ADMIN})
    public ContactLogView.Page search(@Context UriInfo uri) {
        var query = uri.getQueryParameters();
        ContactLogFilter filter = ContactLogFilter.parse(query, Set.of("cursor", "limit"));
        int limit = limit(ContactLogFilter.first(query, "limit"));
        String cursor = ContactLogFilter.first(query, "cursor");
        List<Object> params = new ArrayList<>(filter.params());
        StringBuilder sql = new StringBuilder("SELECT * FROM contact_log WHERE ").append(filter.where());
        // The cursor is the last row's sort key (seq, or at+seq for time ranges): "strictly after it" is a stable
        // page boundary even while new entries arrive.
        if (cursor != null) PageCursor.parse(cursor, filter.byTime()).appendTo(sql, params);
        sql.append(filter.order(true)).append(" LIMIT ").append(limit + 1);
        return db.read(c -> {
            try (var ps = Sql.prepare(c, sql.toString(), params.toArray()); var rs = ps.executeQuery()) {
                List<ContactLogView> entries = new ArrayList<>();
                while (rs.next()) entries.add(view(rs));
                String next = null;
                if (entries.size() > limit) {
                    entries.removeLast();
                    next = PageCursor.after(entries.getLast(), filter.byTime());
                }
                return new ContactLogView.Page(entries, next);
            }
        });
    }

    /** CSV of every matching entry, oldest first. The export itself is recorded as an AUDIT entry first. */
    @GET
    @Path("/export")
    @Produces("text/csv")
    @RolesAllowed({Roles.COMPLIANCE, Roles.ADMIN})
    public Response export(@Context UriInfo uri, @Context SecurityIdentity caller) {
        ContactLogFilter filter = ContactLogFilter.parse(uri.getQueryParameters(), Set.of());
        audit.record(caller.getPrincipal().getName(), "EXPORT", null, "contact-log export; filter=" + filter.describe());
        String name = "contact-log-" + clock.instant().toString().replace(":", "").substring(0, 15) + ".csv";
        return Response.ok(new CsvExport(db, filter), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    /** Walks the chains (all, one {@code chainId}, or entries within {@code from}/{@code to}) and reports the first break. */
    @GET
    @Path("/verify")
    @RolesAllowed({Roles.COMPLIANCE, Roles.ADMIN})
    public VerifyReport verify(@Context UriInfo uri) {
        var query = uri.getQueryParameters();
        List<io.tixing.api.FieldError> errors = new ArrayList<>();
        for (String name : query.keySet()) {
            if (!Set.of("chainId", "from", "to", "zone").contains(name)) errors.add(new io.tixing.api.FieldError(name, "is not a known parameter"));
        }
        Integer chain = null;
        String chainText = ContactLogFilter.first(query, "chainId");
        if (chainText != null) {
            try {
                chain = Integer.parseInt(chainText);
                if (chain < 0 || chain >= ContactLogWriter.CHAINS) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                errors.add(new io.tixing.api.FieldError("chainId", "must be 0 to " + (ContactLogWriter.CHAINS - 1)));
            }
        }
        var times = new TimeBounds(ContactLogFilter.first(query, "zone"), errors);
        String fromText = ContactLogFilter.first(query, "from"), toText = ContactLogFilter.first(query, "to");
        var from = fromText == null ? null : times.from(fromText).orElse(null);
        var to = toText == null ? null : times.to(toText).orElse(null);
        times.checkOrder();
        if (!errors.isEmpty()) throw new ProblemException(io.tixing.api.Problem.validation(errors));
        var scope = new ChainVerifier.Scope(chain, from, to);
        if (scope.equals(ChainVerifier.Scope.ALL)) return nightly.run(); // a full walk also refreshes the gauge
        return verifier.verify(scope);
    }

    /** Reason codes, decisions and kinds in words, for the console (zh-CN or en-US). */
    @GET
    @Path("/texts")
    @RolesAllowed({Roles.COMPLIANCE, Roles.OPERATOR, Roles.ADMIN})
    public java.util.Map<String, java.util.Map<String, String>> texts(@jakarta.ws.rs.QueryParam("lang") String lang,
                                                                    @jakarta.ws.rs.HeaderParam("Accept-Language") String accept) {
        return ReasonTexts.forLanguage(ReasonTexts.language(lang, accept)).all();
    }

    static ContactLogView view(ResultSet rs) throws SQLException {
        return new ContactLogView(rs.getLong("seq"), Sql.instant(rs, "at"), rs.getString("zone"), rs.getString("local_time"),
                rs.getString("kind"), rs.getString("borrower_id"), rs.getString("loan_id"), rs.getObject("reminder_id", UUID.class),
                rs.getObject("attempt_id", UUID.class), rs.getString("channel"), rs.getString("destination_masked"),
                rs.getString("template_key"), rs.getString("template_version"), rs.getString("content_hash"),
                rs.getString("decision"), Sql.strings(rs, "reasons"), rs.getString("rule_pack"), rs.getString("provider_id"),
                rs.getString("outcome"), rs.getString("actor"), rs.getString("detail"), Sql.instant(rs, "until"), rs.getString("hash"));
    }

    private static int limit(String text) {
        if (text == null) return 100;
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= 1000) return limit;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ProblemException.badRequest("limit", "must be a whole number between 1 and 1000");
    }
}
