package io.tixing.reminder;

import io.quarkus.security.identity.SecurityIdentity;
import io.tixing.api.FieldError;
import io.tixing.api.Problem;
import io.tixing.api.ProblemException;
import io.tixing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.InputStream;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

@Path("/api/v1/reminders")
@Produces(MediaType.APPLICATION_JSON)
public class ReminderResource {

    private final ReminderIntake intake;
    private final ReminderRepository reminders;
    private final SecurityIdentity identity;
    private final io.tixing.contactlog.ComplianceAudit audit;
    private final ReminderBatch batch;
    private final ReminderListing listing;
    private final ReminderRecall recall;
    private final ObjectMapper json;

    public ReminderResource(ReminderIntake intake, ReminderRepository reminders, SecurityIdentity identity,
                            io.tixing.contactlog.ComplianceAudit audit, ReminderBatch batch, ObjectMapper json,
                            ReminderListing listing, ReminderRecall recall) {
        this.recall = recall;
        this.listing = listing;
        this.batch = batch;
        this.json = json;
        this.intake = intake;
        this.reminders = reminders;
        this.identity = identity;
        this.audit = audit;
    }

    /**
     * 202 with the new reminder; 200 with the original one when the same client repeats a requestId. The
     * {@code Idempotency-Key} header (draft-ietf-httpapi-idempotency-key-header) may stand in for the requestId: a key
     * reused with another body is 422 (the draft's answer), a requestId reused with another body stays 409.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUBMITTER)
    public CompletionStage<Response> submit(ReminderRequest request, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        // Not blocking (it returns a stage): the body is read and bound on the event loop, validated here, and the answer
        // is written when the request's group commits; no worker thread waits for the commit meanwhile.
        boolean keyed = idempotencyKey != null;
        if (keyed) request = keyed(request, idempotencyKey);
        CompletionStage<ReminderIntake.Outcome> outcome;
        try {
            outcome = intake.submitAsync(identity.getPrincipal().getName(), request, keyed);
        } catch (ProblemException e) {
            if (!keyed || e.problem().status() != 400) throw e;
            // the key is the requestId: its faults are named after the header the client actually sent
            var errors = e.problem().errors().stream()
                    .map(f -> f.field().equals("requestId") ? new FieldError(IDEMPOTENCY_KEY, f.message()) : f).toList();
            throw new ProblemException(Problem.validation(errors));
        }
        // A failure reaches the exception mappers as thrown (a ProblemException, a database outage), not wrapped.
        CompletableFuture<Response> response = new CompletableFuture<>();
        outcome.whenComplete((o, failure) -> {
            if (failure != null) {
                response.completeExceptionally(failure);
                return;
            }
            response.complete(switch (o) {
                case ReminderIntake.Outcome.Accepted a -> Response.accepted(a.reminder()).build();
                case ReminderIntake.Outcome.Replayed r -> Response.ok(r.reminder()).build();
            });
        });
        return response;
    }

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** The request with the key as its requestId; a requestId that says otherwise is refused. */
    static ReminderRequest keyed(ReminderRequest r, String header) {
        String key = idempotencyKey(header);
        if (r == null) return null; // the validator says a body is required
        if (r.requestId() != null && !r.requestId().equals(key)) {
            throw ProblemException.badRequest(IDEMPOTENCY_KEY, "differs from the body's requestId '" + r.requestId()
                    + "'; send one of them, or the same value in both");
        }
        return new ReminderRequest(key, r.borrower(), r.loan(), r.template(), r.channels(), r.channelStrategy(), r.notAfter(),
                r.recipientRelation());
    }

    /**
     * The draft defines the key as a Structured Field String ({@code Idempotency-Key: "8e03978e-..."}); a bare token
     * without quotes is taken as it is, since many clients send that.
     */
    static String idempotencyKey(String header) {
        String v = header.strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < v.length() - 1; i++) {
                char ch = v.charAt(i);
                if (ch == '\\' && i + 1 < v.length() - 1) ch = v.charAt(++i);
                else if (ch == '"') throw ProblemException.badRequest(IDEMPOTENCY_KEY, "is not a valid structured-field string");
                out.append(ch);
            }
            v = out.toString();
        } else if (v.startsWith("\"")) {
            throw ProblemException.badRequest(IDEMPOTENCY_KEY, "is not a valid structured-field string (unclosed quote)");
        }
        if (v.isEmpty()) throw ProblemException.badRequest(IDEMPOTENCY_KEY, "must not be empty");
        return v;
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

    /**
     * Reminders newest first, filtered by status, borrowerId, loanId, waveId, createdFrom/createdTo, in cursor pages. A
     * submitter lists its own client's; staff list all. Recipients are masked unless the caller has the pii right, and an
     * unmasked page is recorded in the compliance audit, one entry per borrower shown.
     */
    @GET
    @RolesAllowed({Roles.SUBMITTER, Roles.OPERATOR, Roles.COMPLIANCE, Roles.ADMIN})
    public ReminderListing.Page list(@Context UriInfo uri) {
        var filter = ReminderListing.Filter.parse(uri.getQueryParameters());
        String caller = identity.getPrincipal().getName();
        boolean unmasked = identity.hasRole(Roles.PII);
        var page = listing.list(filter, staff() ? null : caller, !unmasked);
        if (unmasked) {
            var borrowers = new java.util.LinkedHashMap<String, Integer>();
            for (var item : page.items()) borrowers.merge(item.borrowerId(), 1, Integer::sum);
            borrowers.forEach((borrower, n) -> audit.record("api:" + caller, "UNMASKED_READ", borrower,
                    "reminder list with recipients (" + n + " reminder(s))"));
        }
        return page;
    }

    private boolean staff() {
        return identity.hasRole(Roles.OPERATOR) || identity.hasRole(Roles.COMPLIANCE) || identity.hasRole(Roles.ADMIN);
    }

    /**
     * Recalls a reminder not yet sent (QUEUED or DEFERRED → CANCELLED, a LIFECYCLE contact-log entry naming the actor).
     * The submitting client's submitters or an operator may; any other caller gets 404, as for a read.
     */
    @POST
    @Path("{id}/cancel")
    @RolesAllowed({Roles.SUBMITTER, Roles.OPERATOR, Roles.ADMIN})
    public ReminderView cancel(@PathParam("id") String id) {
        String name = identity.getPrincipal().getName();
        boolean operator = identity.hasRole(Roles.OPERATOR) || identity.hasRole(Roles.ADMIN);
        UUID uuid = visible(id, operator);
        recall.cancel(uuid, (operator ? "operator:" : "client:") + name);
        return reminders.view(uuid, !identity.hasRole(Roles.PII)).orElseThrow();
    }

    /** The reminder's id when the caller may see it (its own client's, or any for staff); 404 otherwise. */
    private UUID visible(String id, boolean anyClient) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("reminder " + id);
        }
        String owner = reminders.clientOf(uuid).orElseThrow(() -> ProblemException.notFound("reminder " + id));
        if (!anyClient && !owner.equals(identity.getPrincipal().getName())) throw ProblemException.notFound("reminder " + id);
        return uuid;
    }

    /** A submitter sees its own reminders; operators, compliance and admins see all. */
    @GET
    @Path("{id}")
    @RolesAllowed({Roles.SUBMITTER, Roles.OPERATOR, Roles.COMPLIANCE, Roles.ADMIN})
    public ReminderView get(@PathParam("id") String id) {
        boolean staff = identity.hasRole(Roles.OPERATOR) || identity.hasRole(Roles.COMPLIANCE) || identity.hasRole(Roles.ADMIN);
        UUID uuid = visible(id, staff);
        boolean unmasked = identity.hasRole(Roles.PII);
        ReminderView view = reminders.view(uuid, !unmasked).orElseThrow();
        if (unmasked && !view.attempts().isEmpty()) {
            audit.record("api:" + identity.getPrincipal().getName(), "UNMASKED_READ", view.borrowerId(), "reminder " + id + " with destinations");
        }
        return view;
    }
}
