package io.tixing.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** An RFC 9457 problem document: a stable {@code type}, a human {@code detail}, and per-field errors. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String BASE = "https://tixing.io/problems/";
    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

    public static Problem of(int status, String type, String title, String detail) {
        return new Problem(BASE + type, title, status, detail, List.of());
    }

    public static Problem validation(List<FieldError> errors) {
        return new Problem(BASE + "validation", "Invalid request", 400,
                errors.size() + " field(s) are invalid; see errors", List.copyOf(errors));
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
