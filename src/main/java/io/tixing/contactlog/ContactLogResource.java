package io.tixing.contactlog;

import io.tixing.api.ProblemException;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Compliance's read of the contact log: newest first, cursor-paginated by sequence number. */
@Path("/api/v1/contact-log")
@Produces(MediaType.APPLICATION_JSON)
public class ContactLogResource {

    private final Database db;

    public ContactLogResource(Database db) { this.db = db; }

    @GET
    @RolesAllowed({Roles.COMPLIANCE, Roles.ADMIN})
    public ContactLogView.Page search(@QueryParam("borrowerId") String borrowerId, @QueryParam("reminderId") String reminderId,
                                      @QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) throw ProblemException.badRequest("limit", "must be between 1 and 1000");
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT * FROM contact_log WHERE TRUE");
        if (borrowerId != null) {
            sql.append(" AND borrower_id = ?");
            params.add(borrowerId);
        }
        if (reminderId != null) {
            sql.append(" AND reminder_id = ?");
            params.add(uuid("reminderId", reminderId));
        }
        if (cursor != null) {
            sql.append(" AND seq < ?");
            params.add(seq(cursor));
        }
        sql.append(" ORDER BY seq DESC LIMIT ").append(limit + 1);
        return db.read(c -> {
            try (var ps = Sql.prepare(c, sql.toString(), params.toArray()); var rs = ps.executeQuery()) {
                List<ContactLogView> entries = new ArrayList<>();
                while (rs.next()) entries.add(view(rs));
                String next = null;
                if (entries.size() > limit) {
                    entries.removeLast();
                    next = Long.toString(entries.getLast().seq());
                }
                return new ContactLogView.Page(entries, next);
            }
        });
    }

    static ContactLogView view(ResultSet rs) throws SQLException {
        return new ContactLogView(rs.getLong("seq"), Sql.instant(rs, "at"), rs.getString("zone"), rs.getString("local_time"),
                rs.getString("kind"), rs.getString("borrower_id"), rs.getString("loan_id"), rs.getObject("reminder_id", UUID.class),
                rs.getObject("attempt_id", UUID.class), rs.getString("channel"), rs.getString("destination_masked"),
                rs.getString("template_key"), rs.getString("template_version"), rs.getString("content_hash"),
                rs.getString("decision"), Sql.strings(rs, "reasons"), rs.getString("rule_pack"), rs.getString("provider_id"),
                rs.getString("outcome"), rs.getString("actor"), rs.getString("detail"), Sql.instant(rs, "until"), rs.getString("hash"));
    }

    private static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, "must be a UUID");
        }
    }

    private static long seq(String cursor) {
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("cursor", "is not a cursor this API returned");
        }
    }
}
