package io.tixing.template;

import io.tixing.api.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** How the REST edge answers the template package's own exceptions (kept here, so io.tixing.api knows no feature). */
public class TemplateProblems {

    @ServerExceptionMapper
    public Response noTemplate(TemplateNotFoundException e) {
        return Problem.of(404, "not-found", "Not found", e.getMessage()).toResponse();
    }
}
