package io.tixing.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tixing.api.Problem;
import io.tixing.api.ProblemException;
import io.tixing.channel.AliyunSmsConfig;
import io.tixing.channel.sms.aliyun.AliyunSmsProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.UUID;

/**
 * Alibaba Cloud SMS pushes (HTTP batch push, configured in its console): delivery reports ({@code SmsReport}) and
 * inbound replies ({@code SmsUp}). Authenticated by the shared secret {@code tixing.aliyun-sms.callback-token} in
 * the path; a wrong or missing token (or none configured) is 403. Reports go through the same handler as Twilio's
 * status callbacks (applied once, never overwriting a final status); replies through the same opt-out recognition
 * as Twilio's inbound SMS. The provider expects {@code {"code":0,"msg":"成功"}} back, else it pushes again.
 */
@Path("/webhooks/aliyun/{token}")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class AliyunWebhookResource {

    private static final Logger LOG = Logger.getLogger(AliyunWebhookResource.class);
    private static final Map<String, Object> OK = Map.of("code", 0, "msg", "成功");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] token;
    private final DeliveryStatusHandler statuses;
    private final InboundSmsHandler inbound;

    public AliyunWebhookResource(AliyunSmsConfig config, DeliveryStatusHandler statuses, InboundSmsHandler inbound) {
        this.token = config.callbackToken().filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
        this.statuses = statuses;
        this.inbound = inbound;
    }

    /** Delivery reports: [{"out_id":"<attempt id>","biz_id":"…","success":true,"err_code":"DELIVERED","report_time":"…"}, …]. */
    @POST
    @Path("report")
    public Map<String, Object> report(@PathParam("token") String given, String body) {
        verify(given);
        for (JsonNode r : array(body)) {
            UUID attempt = uuid(text(r, "out_id"));
            if (attempt == null) {
                LOG.warnf("Alibaba Cloud report without a usable out_id (biz_id %s) ignored", text(r, "biz_id"));
                continue;
            }
            boolean delivered = r.path("success").asBoolean(false);
            String code = text(r, "err_code");
            statuses.apply(attempt, null, delivered ? "delivered" : "undelivered", delivered || "DELIVERED".equals(code) ? null : code,
                    null, AliyunSmsProvider.time(text(r, "report_time")));
        }
        return OK;
    }

    /** Inbound replies: [{"phone_number":"13800138000","content":"TD","send_time":"…","sequence_id":1234}, …]. */
    @POST
    @Path("inbound")
    public Map<String, Object> inbound(@PathParam("token") String given, String body) {
        verify(given);
        for (JsonNode m : array(body)) {
            String sequence = text(m, "sequence_id");
            inbound.receive(AliyunSmsProvider.e164(text(m, "phone_number")), text(m, "content"),
                    sequence == null ? null : "aliyun-mo-" + sequence, AliyunSmsProvider.time(text(m, "send_time")));
        }
        return OK;
    }

    private void verify(String given) {
        if (token == null || given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            LOG.warn("Alibaba Cloud webhook refused: wrong or missing callback token (or tixing.aliyun-sms.callback-token not set)");
            throw new ProblemException(Problem.of(403, "bad-token", "Forbidden", "missing or invalid callback token"));
        }
    }

    private static Iterable<JsonNode> array(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body == null ? "" : body);
        } catch (Exception e) {
            throw ProblemException.badRequest("body", "not JSON: " + e.getMessage());
        }
        if (root == null || !root.isArray()) throw ProblemException.badRequest("body", "must be a JSON array of reports");
        return root;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static UUID uuid(String s) {
        try {
            return s == null ? null : UUID.fromString(s.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
