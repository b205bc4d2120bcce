package io.tixing.worklist;

import io.quarkus.security.identity.SecurityIdentity;
import io.tixing.api.FieldError;
import io.tixing.api.Problem;
import io.tixing.api.ProblemException;
import io.tixing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * {@code /api/v1/worklist}: the cases a person must handle (escalations, disputes, hardship, wrong numbers,
 * unreachable borrowers, unknown send outcomes), oldest first, with age, reason and the borrower's timeline; claim,
 * note and resolve. For collection staff (role {@code agent}) and operators. Bad input is a 400 problem naming the
 * field; a case someone else holds, or a resolved one, is a 409.
 */
@Path("/api/v1/worklist")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AGENT, Roles.OPERATOR, Roles.ADMIN})
public class WorklistResource {

    static final int MAX_LIMIT = 500;

    private final Cases cases;
    private final SecurityIdentity identity;

    public WorklistResource(Cases cases, SecurityIdentity identity) {
        this.cases = cases;
        this.identity = identity;
    }

    public record NoteBody(String note) {}

    public record Resolution(String outcome, String note) {}

    /** @param status {@code open} (default: open and claimed) or {@code all} */
    @GET
    public List<Cases.Case> list(@QueryParam("status") String status, @QueryParam("kind") String kind,
                                 @QueryParam("borrowerId") String borrowerId, @QueryParam("limit") Integer limit) {
        if (status != null && !status.equals("open") && !status.equals("all")) {
            throw ProblemException.badRequest("status", "must be open or all");
        }
        Cases.Kind k = kind == null || kind.isBlank() ? null : parse(Cases.Kind.class, "kind", kind);
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) throw ProblemException.badRequest("limit", "must be 1.." + MAX_LIMIT);
        return cases.list("all".equals(status), k, borrowerId == null || borrowerId.isBlank() ? null : borrowerId,
                limit == null ? 100 : limit);
    }

    @GET
    @Path("{id}")
    public Cases.Case one(@PathParam("id") String id) {
        UUID caseId = id(id);
        return cases.find(caseId).orElseThrow(() -> ProblemException.notFound("case " + id));
    }

    @POST
    @Path("{id}/claim")
    public Cases.Case claim(@PathParam("id") String id) { return cases.claim(id(id), actor()); }

    @POST
    @Path("{id}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    public Cases.Case note(@PathParam("id") String id, NoteBody body) {
        UUID caseId = id(id);
        if (body == null || body.note() == null || body.note().isBlank()) throw ProblemException.badRequest("note", "is required");
        if (body.note().length() > 2000) throw ProblemException.badRequest("note", "must be at most 2000 characters");
        return cases.note(caseId, actor(), body.note().strip());
    }

    @POST
    @Path("{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    public Cases.Case resolve(@PathParam("id") String id, Resolution body) {
        UUID caseId = id(id);
        if (body == null || body.outcome() == null || body.outcome().isBlank()) {
            throw new ProblemException(Problem.validation(List.of(new FieldError("outcome", "is required, one of " + names(Cases.Outcome.class)))));
        }
        Cases.Outcome outcome = parse(Cases.Outcome.class, "outcome", body.outcome());
        if (body.note() != null && body.note().length() > 2000) throw ProblemException.badRequest("note", "must be at most 2000 characters");
        return cases.resolve(caseId, actor(), outcome, body.note() == null ? null : body.note().strip());
    }

    private String actor() { return "api:" + identity.getPrincipal().getName(); }

    private static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("id", "must be a case id (UUID)");
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, "must be one of " + names(type));
        }
    }

    private static <E extends Enum<E>> List<String> names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }
}
