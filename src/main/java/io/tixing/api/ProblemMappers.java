package io.tixing.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.stream.Collectors;

/** Every error leaves as problem+json; nothing leaks a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final long retryAfterSeconds;

    public ProblemMappers(ApiConfig config) {
        this.retryAfterSeconds = Math.max(1, (config.outageRetryAfter().toMillis() + 999) / 1000);
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) { return e.problem().toResponse(); }

    @ServerExceptionMapper(priority = 1)
    public Response unrecognizedField(UnrecognizedPropertyException e) {
        return Problem.validation(List.of(new FieldError(path(e), "unknown field '" + e.getPropertyName() + "'"))).toResponse();
    }

    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e) { return badJson(e); }

    @ServerExceptionMapper(priority = 2)
    public Response badJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String why = StrictJson.NUL_MESSAGE.equals(e.getOriginalMessage()) ? StrictJson.NUL_MESSAGE : "wrong type or format";
            return Problem.validation(List.of(new FieldError(path(m), why))).toResponse();
        }
        return Problem.of(400, "malformed-json", "Malformed JSON", "the body is not valid JSON: " + e.getOriginalMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) { return unauthorized(); }

    /** A key that could not be checked because the database is away is not a bad key: 503, so the client keeps it. */
    @ServerExceptionMapper
    public Response badKey(AuthenticationFailedException e) {
        return DatabaseUnavailable.causedBy(e) ? unavailable(e) : unauthorized();
    }

    @ServerExceptionMapper
    public Response dataAccess(io.tixing.db.Database.DataAccessException e) {
        return DatabaseUnavailable.causedBy(e) ? unavailable(e) : unexpected(e);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of(403, "forbidden", "Forbidden", "this API key lacks the role this operation needs").toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 413) return Problem.of(413, "too-large", "Body too large", "request bodies are limited to 1 MiB").toResponse();
        if (status == 415) return Problem.of(415, "unsupported-media-type", "Unsupported media type", "send application/json").toResponse();
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return Problem.of(status, "http-" + status, reason, e.getMessage() == null ? reason : e.getMessage()).toResponse();
    }

    /** A form body with a broken %-escape (e.g. {@code Body=%zz}) fails while it is read: the client's fault, not ours. */
    @ServerExceptionMapper
    public Response badForm(IllegalArgumentException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("URLDecoder:")) {
            return Problem.of(400, "malformed-form", "Malformed form body", "the form body is not valid URL encoding").toResponse();
        }
        return unexpected(e);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (DatabaseUnavailable.causedBy(e)) return unavailable(e);
        LOG.error("unexpected error", e);
        return Problem.of(500, "internal", "Internal error", "the request could not be processed; it has been logged").toResponse();
    }

    /**
     * The database is unreachable. A transaction that did not commit is rolled back by PostgreSQL, and every write
     * is idempotent (request ids, provider ids), so the same request can simply be sent again. One log line per
     * request, not a stack trace.
     */
    private Response unavailable(Throwable e) {
        LOG.warnf("database unavailable, answering 503: %s", rootMessage(e));
        return Response.fromResponse(Problem.of(503, "database-unavailable", "Service unavailable",
                        "the database is unavailable and the request was not completed; send it again after " + retryAfterSeconds + " s").toResponse())
                .header("Retry-After", String.valueOf(retryAfterSeconds)).build();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static Response unauthorized() {
        return Response.fromResponse(Problem.of(401, "unauthorized", "Unauthorized",
                        "send a valid API key as 'Authorization: Bearer <key>'").toResponse())
                .header("WWW-Authenticate", "Bearer realm=\"tixing\"").build();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
