package io.tixing.channel.sandbox;

import io.quarkus.security.identity.SecurityIdentity;
import io.tixing.contactlog.ComplianceAudit;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.security.Masking;
import io.tixing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the sandbox provider "sent", newest first, so a newcomer can see what would have reached borrowers.
 * Destinations are masked unless the caller holds the {@code pii} right; an unmasked read is recorded as an AUDIT
 * entry, as for the contact log.
 */
@Path("/api/v1/sandbox/messages")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxResource {

    private final Database db;
    private final ComplianceAudit audit;
    private final SecurityIdentity identity;

    public SandboxResource(Database db, ComplianceAudit audit, SecurityIdentity identity) {
        this.db = db;
        this.audit = audit;
        this.identity = identity;
    }

    public record SandboxMessage(String id, UUID attemptId, String channel, String destination, String locale,
                                 String subject, String body, String html, Instant receivedAt) {}

    @GET
    @RolesAllowed(Roles.ADMIN)
    public List<SandboxMessage> list(@QueryParam("destination") String destination,
                                     @QueryParam("limit") @DefaultValue("100") int limit) {
        int capped = Math.max(1, Math.min(limit, 1000));
        boolean unmasked = identity.hasRole(Roles.PII);
        List<SandboxMessage> messages = db.read(c -> {
            String sql = "SELECT * FROM sandbox_message " + (destination == null ? "" : "WHERE destination = ? ")
                    + "ORDER BY received_at DESC, id LIMIT " + capped;
            try (var ps = destination == null ? Sql.prepare(c, sql) : Sql.prepare(c, sql, destination); var rs = ps.executeQuery()) {
                List<SandboxMessage> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new SandboxMessage(rs.getString("id"), rs.getObject("attempt_id", UUID.class), rs.getString("channel"),
                            unmasked ? rs.getString("destination") : Masking.destination(rs.getString("destination")), rs.getString("locale"), rs.getString("subject"), rs.getString("body"),
                            rs.getString("html"), Sql.instant(rs, "received_at")));
                }
                return out;
            }
        });
        if (unmasked && !messages.isEmpty()) {
            audit.record(identity.getPrincipal().getName(), "UNMASKED_READ", null,
                    "sandbox inbox read with the pii right: " + messages.size() + " messages" + (destination == null ? "" : " for one destination"));
        }
        return messages;
    }
}
