package io.tixing.borrower;

import io.quarkus.security.identity.SecurityIdentity;
import io.tixing.api.FieldError;
import io.tixing.api.Problem;
import io.tixing.api.ProblemException;
import io.tixing.policy.BorrowerFlag;
import io.tixing.policy.ChannelType;
import io.tixing.policy.HoldType;
import io.tixing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Operators record opt-outs and holds (cease, dispute, bankruptcy, deceased) and lift them, and take a protective
 * flag off a borrower (with a note; requests can only add flags).
 */
@Path("/api/v1/borrowers/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class BorrowerResource {

    private final ConsentLedger ledger;
    private final SecurityIdentity identity;
    private final BorrowerFlags flags;

    public BorrowerResource(ConsentLedger ledger, SecurityIdentity identity, BorrowerFlags flags) {
        this.ledger = ledger;
        this.identity = identity;
        this.flags = flags;
    }

    /** Why an operator takes a flag off; required. */
    public record FlagRemoval(String note) {}

    /** The flags in force, and with {@code ?removed=true} also the removed ones, each with where it came from. */
    @GET
    @Path("flags")
    @RolesAllowed({Roles.OPERATOR, Roles.COMPLIANCE, Roles.ADMIN})
    public List<BorrowerFlags.Flag> flags(@PathParam("id") String borrowerId, @QueryParam("removed") boolean removed) {
        check(borrowerId, null, null, null, null);
        return flags.list(borrowerId, removed);
    }

    /**
     * Takes a protective flag off. Only here: a later request without the flag never removes it. The note says why
     * (e.g. "hardship plan ended 2026-12-01, letter ref 4711") and goes into the contact log with the operator.
     */
    @DELETE
    @Path("flags/{flag}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    public Response removeFlag(@PathParam("id") String borrowerId, @PathParam("flag") String flag, FlagRemoval body) {
        List<String> known = Arrays.stream(BorrowerFlag.values()).map(Enum::name).toList();
        List<FieldError> errors = new ArrayList<>();
        if (borrowerId == null || borrowerId.isBlank() || borrowerId.length() > 128) errors.add(new FieldError("id", "1-128 characters"));
        if (flag == null || !known.contains(flag)) errors.add(new FieldError("flag", "must be one of " + known));
        String note = body == null || body.note() == null ? null : body.note().strip();
        if (note == null || note.isEmpty()) errors.add(new FieldError("note", "is required: say why the flag is removed"));
        else if (note.length() > 1000) errors.add(new FieldError("note", "at most 1000 characters"));
        if (!errors.isEmpty()) throw new ProblemException(Problem.validation(errors));
        if (!flags.remove(borrowerId, BorrowerFlag.valueOf(flag), actor(), note)) {
            throw ProblemException.notFound("a " + flag + " flag in force for borrower " + borrowerId);
        }
        return Response.ok(flags.list(borrowerId, false)).build();
    }

    public record OptOut(String channel, String loanId, String note) {}

    public record Hold(String type, String loanId, String note) {}

    @GET
    @Path("consents")
    @RolesAllowed({Roles.OPERATOR, Roles.COMPLIANCE, Roles.ADMIN})
    public List<ConsentLedger.Restriction> consents(@PathParam("id") String borrowerId) { return ledger.inForce(borrowerId); }

    @POST
    @Path("opt-outs")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    public Response optOut(@PathParam("id") String borrowerId, OptOut body) {
        String channel = body == null ? null : body.channel();
        check(borrowerId, "channel", channel, channelValues(), body == null ? null : body.loanId());
        boolean changed = ledger.restrict(borrowerId, "OPT_OUT", channel, body.loanId(), ConsentLedger.Source.API, actor(), body.note());
        return Response.status(changed ? 201 : 200).entity(ledger.inForce(borrowerId)).build();
    }

    @DELETE
    @Path("opt-outs/{channel}")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    public Response optIn(@PathParam("id") String borrowerId, @PathParam("channel") String channel, @QueryParam("loanId") String loanId) {
        check(borrowerId, "channel", channel, channelValues(), loanId);
        if (!ledger.lift(borrowerId, "OPT_OUT", channel, loanId, ConsentLedger.Source.API, actor(), null)) {
            var borrowersOwn = ledger.inForce(borrowerId).stream()
                    .filter(r -> r.kind().equals("OPT_OUT") && r.value().equals(channel) && java.util.Objects.equals(r.loanId(), loanId))
                    .map(ConsentLedger.Restriction::source).toList();
            if (!borrowersOwn.isEmpty()) {
                throw new ProblemException(io.tixing.api.Problem.of(409, "borrower-revocation", "Only the borrower can lift this opt-out",
                        "the opt-out of " + channel + " came from " + String.join(", ", borrowersOwn)
                                + "; only the borrower re-consents (by replying START), an operator cannot"));
            }
            throw ProblemException.notFound("an opt-out of " + channel + " for borrower " + borrowerId);
        }
        return Response.ok(ledger.inForce(borrowerId)).build();
    }

    @POST
    @Path("holds")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    public Response hold(@PathParam("id") String borrowerId, Hold body) {
        String type = body == null ? null : body.type();
        check(borrowerId, "type", type, holdValues(), body == null ? null : body.loanId());
        boolean changed = ledger.restrict(borrowerId, "HOLD", type, body.loanId(), ConsentLedger.Source.API, actor(), body.note());
        return Response.status(changed ? 201 : 200).entity(ledger.inForce(borrowerId)).build();
    }

    @DELETE
    @Path("holds/{type}")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    public Response liftHold(@PathParam("id") String borrowerId, @PathParam("type") String type, @QueryParam("loanId") String loanId) {
        check(borrowerId, "type", type, holdValues(), loanId);
        if (!ledger.lift(borrowerId, "HOLD", type, loanId, ConsentLedger.Source.API, actor(), null)) {
            throw ProblemException.notFound("a " + type + " hold for borrower " + borrowerId);
        }
        return Response.ok(ledger.inForce(borrowerId)).build();
    }

    private String actor() { return "api:" + identity.getPrincipal().getName(); }

    private static List<String> channelValues() {
        List<String> values = new ArrayList<>(Arrays.stream(ChannelType.values()).map(Enum::name).toList());
        values.add("ALL");
        return values;
    }

    private static List<String> holdValues() { return Arrays.stream(HoldType.values()).map(Enum::name).toList(); }

    private static void check(String borrowerId, String field, String value, List<String> allowed, String loanId) {
        List<FieldError> errors = new ArrayList<>();
        if (borrowerId == null || borrowerId.isBlank() || borrowerId.length() > 128) errors.add(new FieldError("id", "1-128 characters"));
        if (allowed != null && (value == null || !allowed.contains(value))) errors.add(new FieldError(field, "must be one of " + allowed));
        if (loanId != null && (loanId.isBlank() || loanId.length() > 128)) errors.add(new FieldError("loanId", "1-128 characters"));
        if (!errors.isEmpty()) throw new ProblemException(Problem.validation(errors));
    }
}
