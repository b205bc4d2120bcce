package io.tixing.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * No path or query value may carry a NUL character (raw or {@code %00}): PostgreSQL refuses NUL in text, so it could
 * only end as a 500 deep inside a query. One check for every endpoint, before the resource runs: 400 naming the
 * parameter.
 */
public class NulGuard {

    @ServerRequestFilter
    public Response refuseNul(ContainerRequestContext request) {
        List<FieldError> errors = new ArrayList<>();
        var uri = request.getUriInfo();
        MultivaluedMap<String, String> query;
        try {
            check(uri.getPathParameters(true), errors);
            query = uri.getQueryParameters(true);
        } catch (IllegalArgumentException e) {
            return Problem.of(400, "malformed-uri", "Malformed URI", "the path or query is not valid URL encoding").toResponse();
        }
        check(query, errors);
        if (errors.isEmpty() && uri.getPath().indexOf('\0') >= 0) errors.add(new FieldError("path", "must not contain a NUL character (U+0000)"));
        return errors.isEmpty() ? null : Problem.validation(errors).toResponse();
    }

    private static void check(MultivaluedMap<String, String> parameters, List<FieldError> errors) {
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            String name = p.getKey();
            if (name.indexOf('\0') >= 0) {
                errors.add(new FieldError(name.replace("\0", "\\u0000"), "a parameter name must not contain a NUL character (U+0000)"));
                continue;
            }
            for (String value : p.getValue()) {
                if (value != null && value.indexOf('\0') >= 0) {
                    errors.add(new FieldError(name, "must not contain a NUL character (U+0000)"));
                    break;
                }
            }
        }
    }
}
