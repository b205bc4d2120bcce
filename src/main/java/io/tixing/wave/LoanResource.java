package io.tixing.wave;

import io.quarkus.security.identity.SecurityIdentity;
import io.tixing.api.ProblemException;
import io.tixing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Loans enrolled in cadences: a loan system keeps each loan's facts and status current with PUT. */
@Path("/api/v1/loans")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUBMITTER, Roles.OPERATOR})
public class LoanResource {

    private final LoanEnrollments enrollments;
    private final SecurityIdentity identity;

    public LoanResource(LoanEnrollments enrollments, SecurityIdentity identity) {
        this.enrollments = enrollments;
        this.identity = identity;
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public LoanEnrollments.Enrollment put(@PathParam("id") String id, LoanEnrollments.LoanUpdate body) {
        return enrollments.put(identity.getPrincipal().getName(), id, body);
    }

    @GET
    @Path("{id}")
    public LoanEnrollments.Enrollment get(@PathParam("id") String id) {
        return enrollments.view(identity.getPrincipal().getName(), id).orElseThrow(() -> ProblemException.notFound("loan " + id));
    }
}
