package io.tixing.privacy;

import io.quarkus.security.identity.SecurityIdentity;
import io.tixing.api.Problem;
import io.tixing.api.ProblemException;
import io.tixing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;

/**
 * {@code POST /api/v1/borrowers/{id}/erasure}: a borrower's erasure request, entered by compliance. 200 with what was
 * redacted; 409 problem+json naming the pack rule when the pack refuses (the refusal is recorded too).
 */
@Path("/api/v1/borrowers/{id}/erasure")
@Produces(MediaType.APPLICATION_JSON)
public class ErasureResource {

    private final BorrowerErasure erasure;
    private final Clock clock;

    public ErasureResource(BorrowerErasure erasure, Clock clock) {
        this.erasure = erasure;
        this.clock = clock;
    }

    @POST
    @RolesAllowed({Roles.COMPLIANCE, Roles.ADMIN})
    public BorrowerErasure.Outcome erase(@PathParam("id") String borrowerId, @Context SecurityIdentity caller) {
        var outcome = erasure.request(borrowerId, caller.getPrincipal().getName(), clock.instant())
                .orElseThrow(() -> ProblemException.notFound("borrower " + borrowerId));
        if (!outcome.erased()) {
            throw new ProblemException(Problem.of(409, "erasure-refused", "Erasure refused", outcome.rule() + ": " + outcome.reason()));
        }
        return outcome;
    }
}
