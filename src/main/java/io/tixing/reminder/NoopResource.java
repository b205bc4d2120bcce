package io.tixing.reminder;

import io.tixing.api.BenchConfig;
import io.tixing.api.ProblemException;
import io.tixing.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The benchmark baseline ("framework ceiling"): the same authentication, role check and JSON binding of a
 * {@link ReminderRequest} as {@code POST /api/v1/reminders}, then 202 without validating, storing or sending
 * anything. {@code bench/intake/run.sh} compares intake throughput against this endpoint; it has no other use, so it
 * answers 404 (and is left out of the OpenAPI document) unless {@code tixing.bench.noop-enabled=true}.
 */
@Path("/api/v1/noop")
public class NoopResource {

    private final BenchConfig bench;

    public NoopResource(BenchConfig bench) { this.bench = bench; }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUBMITTER)
    public Response accept(ReminderRequest request) {
        if (!bench.noopEnabled()) throw ProblemException.notFound("/api/v1/noop (a benchmark endpoint, off unless tixing.bench.noop-enabled=true)");
        return Response.accepted().build();
    }
}
