package io.tixing.webhook;

import io.tixing.api.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.UUID;

/** Twilio's callbacks. No API key: each request must carry a valid {@code X-Twilio-Signature}, else 403. */
@Path("/webhooks/twilio")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class TwilioWebhookResource {

    private static final String SIGNATURE = "X-Twilio-Signature";

    private final WebhookGuard guard;
    private final DeliveryStatusHandler statuses;
    private final InboundSmsHandler inbound;
    private final VoiceCallHandler voice;

    public TwilioWebhookResource(WebhookGuard guard, DeliveryStatusHandler statuses, InboundSmsHandler inbound, VoiceCallHandler voice) {
        this.guard = guard;
        this.statuses = statuses;
        this.inbound = inbound;
        this.voice = voice;
    }

    /**
     * SMS and call status callbacks ({@code ?attemptId=} is in the StatusCallback URL we give Twilio), applied once
     * per (MessageSid or CallSid, status).
     */
    @POST
    @Path("status")
    public Response status(@Context UriInfo uri, @HeaderParam(SIGNATURE) String signature, @QueryParam("attemptId") String attemptId,
                           MultivaluedMap<String, String> form) {
        guard.verify(uri, form, signature);
        String providerId = first(form, "MessageSid") != null ? first(form, "MessageSid") : first(form, "CallSid");
        String status = first(form, "MessageStatus") != null ? first(form, "MessageStatus") : first(form, "CallStatus");
        statuses.apply(uuid(attemptId), providerId, status, first(form, "ErrorCode"), first(form, "AnsweredBy"),
                WebhookReceipts.providerTime(first(form, "Timestamp")));
        return Response.noContent().build();
    }

    /** Inbound SMS: opt-out/opt-in replies, applied once per MessageSid, answered with TwiML in the borrower's language. */
    @POST
    @Path("inbound")
    @Produces(MediaType.TEXT_XML)
    public String inbound(@Context UriInfo uri, @HeaderParam(SIGNATURE) String signature, MultivaluedMap<String, String> form) {
        guard.verify(uri, form, signature);
        return inbound.receive(first(form, "From"), first(form, "Body"), first(form, "MessageSid"),
                WebhookReceipts.providerTime(first(form, "Timestamp")));
    }

    /** The voice robot's TwiML for each step of the call and its DTMF menu. */
    @POST
    @Path("voice/{attemptId}")
    @Produces(MediaType.TEXT_XML)
    public String voice(@Context UriInfo uri, @HeaderParam(SIGNATURE) String signature, @PathParam("attemptId") String attemptId,
                        @QueryParam("step") String step, MultivaluedMap<String, String> form) {
        guard.verify(uri, form, signature);
        UUID id = uuid(attemptId);
        if (id == null) throw ProblemException.notFound("call " + attemptId);
        return voice.step(id, step, first(form, "Digits"), first(form, "AnsweredBy"), first(form, "CallSid"))
                .orElseThrow(() -> ProblemException.notFound("call " + attemptId));
    }

    private static String first(MultivaluedMap<String, String> form, String key) {
        return form == null ? null : form.getFirst(key);
    }

    private static UUID uuid(String value) {
        if (value == null) return null;
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
