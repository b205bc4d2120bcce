package io.tixing.wave;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Waves API (PRODUCT.md): create (inline JSON or streamed NDJSON), forecast, progress, pause, resume, cancel. */
@Path("/api/v1/waves")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
public class WaveResource {

    public static final String NDJSON = "application/x-ndjson";

    private final WaveIntake intake;
    private final WaveForecast forecast;
    private final WaveRepository waves;
    private final WaveProgress progress;
    private final WaveControl control;
    private final ObjectMapper json;
    private final SecurityIdentity identity;
    private final WaveListing listing;

    public WaveResource(WaveIntake intake, WaveForecast forecast, WaveRepository waves, WaveProgress progress, WaveControl control,
                        ObjectMapper json, SecurityIdentity identity, WaveListing listing) {
        this.listing = listing;
        this.intake = intake;
        this.forecast = forecast;
        this.waves = waves;
        this.progress = progress;
        this.control = control;
        this.json = json;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(WaveHeader.Inline body, @QueryParam("dryRun") boolean dryRun) {
        if (body == null) throw ProblemException.badRequest("", "a JSON wave body is required");
        List<WaveHeader.Recipient> recipients = body.recipients() == null ? List.of() : body.recipients();
        // Inline recipients are numbered from 1 in the order given; NDJSON uses real line numbers (the header is line 1).
        Iterator<WaveIntake.Line> lines = new Iterator<>() {
            int i;
            public boolean hasNext() { return i < recipients.size(); }
            public WaveIntake.Line next() { i++; return new WaveIntake.Line(i, recipients.get(i - 1), List.of()); }
        };
        return run(body.header(), lines, dryRun);
    }

    /** Streamed: only the current line is held in memory; recipients are written in chunks as they arrive. */
    @POST
    @Consumes(NDJSON)
    public Response upload(InputStream body, @QueryParam("dryRun") boolean dryRun) {
        WaveHeader[] header = new WaveHeader[1];
        var lines = NdjsonLines.open(body, json, h -> header[0] = h);
        intake.checkHeader(header[0]);
        return run(header[0], lines, dryRun);
    }

    private Response run(WaveHeader header, Iterator<WaveIntake.Line> lines, boolean dryRun) {
        if (dryRun) {
            intake.checkHeader(header);
            return Response.ok(forecast.forecast(header, lines)).build();
        }
        String client = identity.getPrincipal().getName();
        var accepted = intake.accept(client, "operator:" + client, header, lines);
        return Response.accepted(accepted).build();
    }

    @GET
    @Operation(summary = "List waves, newest first, in cursor pages",
            description = "Each item is the same progress view as GET /api/v1/waves/{id} (state, counts that reconcile, throughput, "
                    + "ETA). limit 1..100 (default 20); cursor = the previous page's next (null on the last page); state = LOADING, "
                    + "ACTIVE, PAUSED or CANCELLED. A bad parameter answers 400 problem+json naming it.")
    public WaveListing.Page list(@Context UriInfo uri) {
        return listing.list(uri.getQueryParameters());
    }

    @GET
    @Path("{id}")
    public WaveProgress.View get(@PathParam("id") String id) {
        return progress.of(waves.find(uuid(id)).orElseThrow(() -> ProblemException.notFound("wave " + id)));
    }

    @POST
    @Path("{id}/pause")
    public WaveProgress.View pause(@PathParam("id") String id) {
        control.pause(uuid(id), actor());
        return get(id);
    }

    @POST
    @Path("{id}/resume")
    public WaveProgress.View resume(@PathParam("id") String id) {
        control.resume(uuid(id), actor());
        return get(id);
    }

    @POST
    @Path("{id}/cancel")
    public Map<String, Object> cancel(@PathParam("id") String id) {
        long cancelled = control.cancel(uuid(id), actor());
        return Map.of("cancelled", cancelled, "wave", get(id));
    }

    private String actor() { return "operator:" + identity.getPrincipal().getName(); }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("wave " + id);
        }
    }
}
