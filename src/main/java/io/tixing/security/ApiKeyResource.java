package io.tixing.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.tixing.api.FieldError;
import io.tixing.api.Problem;
import io.tixing.api.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Admins issue and revoke API keys. A new key is shown once, in the creation response. */
@Path("/api/v1/admin/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ApiKeyResource {

    private final ApiKeys keys;
    private final SecurityIdentity identity;

    public ApiKeyResource(ApiKeys keys, SecurityIdentity identity) {
        this.keys = keys;
        this.identity = identity;
    }

    public record NewKey(String client, List<String> roles) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewKey request) {
        List<FieldError> errors = new ArrayList<>();
        if (request == null || request.client() == null || request.client().isBlank() || request.client().length() > 100
                || request.client().chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("client", "is required: 1-100 printable characters"));
        }
        if (request == null || request.roles() == null || request.roles().isEmpty()) {
            errors.add(new FieldError("roles", "at least one of " + Roles.ALL + " is required"));
        } else {
            for (int i = 0; i < request.roles().size(); i++) {
                if (!Roles.ALL.contains(request.roles().get(i))) errors.add(new FieldError("roles[" + i + "]", "must be one of " + Roles.ALL));
            }
        }
        if (!errors.isEmpty()) throw new ProblemException(Problem.validation(errors));
        var issued = keys.issue(request.client(), Set.copyOf(request.roles()), identity.getPrincipal().getName());
        return Response.status(201).entity(issued).build();
    }

    @GET
    public List<ApiKeys.KeyInfo> list() { return keys.list(); }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") long id) {
        if (!keys.revoke(id, identity.getPrincipal().getName())) throw ProblemException.notFound("active API key " + id);
        return Response.noContent().build();
    }
}
