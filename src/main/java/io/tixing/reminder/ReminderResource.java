package io.tixing.reminder;

import io.quarkus.security.identity.SecurityIdentity;
import io.tixing.api.ProblemException;
import io.tixing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.InputStream;
import java.util.UUID;

@Path("/api/v1/reminders")
@Produces(MediaType.APPLICATION_JSON)
public class ReminderResource {

    private final ReminderIntake intake;
    private final ReminderRepository reminders;
    private final SecurityIdentity identity;
    private final io.tixing.contactlog.ComplianceAudit audit;
    private final ReminderBatch batch;
    private final ObjectMapper json;

    public ReminderResource(ReminderIntake intake, ReminderRepository reminders, SecurityIdentity identity,
                            io.tixing.contactlog.ComplianceAudit audit, ReminderBatch batch, ObjectMapper json) {
        this.batch = batch;
        this.json = json;
        this.intake = intake;
        this.reminders = reminders;
        this.identity = identity;
        this.audit = audit;
    }

    /** 202 with the new reminder; 200 with the original one when the same client repeats a requestId. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUBMITTER)
    public Response submit(ReminderRequest request) {
        return switch (intake.submit(identity.getPrincipal().getName(), request)) {
            case ReminderIntake.Outcome.Accepted a -> Response.accepted(a.reminder()).build();
            case ReminderIntake.Outcome.Replayed r -> Response.ok(r.reminder()).build();
        };
    }

    public static final String NDJSON = "application/x-ndjson";

    /**
     * Bulk intake, NDJSON: one reminder per line, read as it arrives; the answer streams one result per line and a summary.
     * Exempt from the 1 MiB body limit (io.tixing.api.BodyLimit); the read stays line by line, so memory stays flat.
     */
    @POST
    @Path("batch")
    @Consumes(NDJSON)
    @Produces(NDJSON)
    @RolesAllowed(Roles.SUBMITTER)
    public StreamingOutput batchNdjson(InputStream body) {
        String client = identity.getPrincipal().getName();
        return out -> batch.run(client, BatchLines.ndjson(body, json), out);
    }

    /** Bulk intake, a JSON array of reminders, read element by element with Jackson's streaming parser. */
    @POST
    @Path("batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(NDJSON)
    @RolesAllowed(Roles.SUBMITTER)
    public StreamingOutput batchArray(InputStream body) {
        String client = identity.getPrincipal().getName();
        return out -> {
            BatchLines lines;
            try {
                lines = BatchLines.array(body, json);
            } catch (BatchLines.Stop e) {
                throw new java.io.UncheckedIOException(new java.io.IOException(e.getMessage()));
            }
            batch.run(client, lines, out);
        };
    }

    /** A submitter sees its own reminders; operators, compliance and admins see all. */
    @GET
    @Path("{id}")
    @RolesAllowed({Roles.SUBMITTER, Roles.OPERATOR, Roles.COMPLIANCE, Roles.ADMIN})
    public ReminderView get(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("reminder " + id);
        }
        String owner = reminders.clientOf(uuid).orElseThrow(() -> ProblemException.notFound("reminder " + id));
        boolean staff = identity.hasRole(Roles.OPERATOR) || identity.hasRole(Roles.COMPLIANCE) || identity.hasRole(Roles.ADMIN);
        if (!staff && !owner.equals(identity.getPrincipal().getName())) throw ProblemException.notFound("reminder " + id);
        boolean unmasked = identity.hasRole(Roles.PII);
        ReminderView view = reminders.view(uuid, !unmasked).orElseThrow();
        if (unmasked && !view.attempts().isEmpty()) {
            audit.record("api:" + identity.getPrincipal().getName(), "UNMASKED_READ", view.borrowerId(), "reminder " + id + " with destinations");
        }
        return view;
    }
}
