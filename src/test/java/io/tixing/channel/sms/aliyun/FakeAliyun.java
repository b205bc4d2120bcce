package io.tixing.channel.sms.aliyun;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.tixing.support.HeldAnswers;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A fake Alibaba Cloud SMS API (dysmsapi 2017-05-25 as the official SDK calls it: POST / with the action in
 * {@code x-acs-action} and the parameters in the query) on 127.0.0.1. It keeps what it was sent: SendSms records a
 * message (so a message answered late was still "sent", like the real one), QuerySendDetails answers from the record.
 */
public final class FakeAliyun implements AutoCloseable {

    public record Sent(String phone, String outId, String signName, String templateCode, String templateParam, String bizId,
                       LocalDateTime at) {}

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Map<String, Long> status = new ConcurrentHashMap<>(); // outId -> SendStatus (1 waiting, 2 failed, 3 delivered)
    private final AtomicLong ids = new AtomicLong(900_000_000);
    private volatile String sendAnswer = null; // null = OK; else a canned JSON answer with its HTTP status
    private volatile int sendStatus = 200;
    private volatile Duration sendDelay = Duration.ZERO;
    private volatile boolean queryFails = false;
    private volatile java.time.Clock clock = java.time.Clock.systemUTC();

    /** SendSms answers, held back on request (the message is recorded first: the provider has it). */
    public final HeldAnswers held = new HeldAnswers();

    public final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
            .extensions(new Store()));

    public FakeAliyun() {
        server.start();
        server.stubFor(post(urlPathEqualTo("/")).withHeader("x-acs-action", equalTo("SendSms"))
                .willReturn(aResponse().withTransformers(Store.NAME)));
        server.stubFor(post(urlPathEqualTo("/")).withHeader("x-acs-action", equalTo("QuerySendDetails"))
                .willReturn(aResponse().withTransformers(Store.NAME)));
    }

    /** host:port for {@code tixing.aliyun-sms.endpoint} (with protocol HTTP). */
    public String endpoint() { return "127.0.0.1:" + server.port(); }

    public List<Sent> sent() { return List.copyOf(sent); }

    /** The provider's clock (its send dates): a test's pinned clock, so the dates agree with the gateway's. */
    public void clock(java.time.Clock clock) { this.clock = clock; }

    /** SendSms answers with this HTTP status and provider Code (and records nothing: the provider refused it). */
    public void refusesWith(int httpStatus, String code) {
        sendStatus = httpStatus;
        sendAnswer = "{\"Code\":\"" + code + "\",\"Message\":\"" + code + " (fake)\",\"RequestId\":\"fake\"}";
    }

    /** SendSms takes the message and answers only after {@code delay}. */
    public void answersLate(Duration delay) { sendDelay = delay; }

    /** Back to taking every message at once. */
    public void healthy() {
        sendAnswer = null;
        sendStatus = 200;
        sendDelay = Duration.ZERO;
        queryFails = false;
    }

    /** QuerySendDetails answers 500. */
    public void queriesFail() { queryFails = true; }

    /** The carrier's receipt arrives: QuerySendDetails reports the message delivered (3) or failed (2). */
    public void receipt(String outId, boolean delivered) { status.put(outId, delivered ? 3L : 2L); }

    @Override
    public void close() { server.stop(); }

    private final class Store implements ResponseDefinitionTransformerV2 {
        static final String NAME = "aliyun-store";

        @Override
        public String getName() { return NAME; }

        @Override
        public boolean applyGlobally() { return false; }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            var request = event.getRequest();
            String action = request.getHeader("x-acs-action");
            if ("SendSms".equals(action)) {
                if (sendAnswer != null) return json(sendStatus, sendAnswer, Duration.ZERO);
                String bizId = ids.incrementAndGet() + "^0";
                sent.add(new Sent(q(event, "PhoneNumbers"), q(event, "OutId"), q(event, "SignName"), q(event, "TemplateCode"),
                        q(event, "TemplateParam"), bizId, LocalDateTime.ofInstant(clock.instant(), CHINA)));
                held.await(q(event, "OutId"));
                return json(200, "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"" + bizId + "\",\"RequestId\":\"fake\"}", sendDelay);
            }
            if (queryFails) return json(500, "{\"Code\":\"InternalError\",\"Message\":\"fake failure\",\"RequestId\":\"fake\"}", Duration.ZERO);
            String phone = q(event, "PhoneNumber");
            String date = q(event, "SendDate");
            List<Sent> matching = new ArrayList<>();
            for (Sent s : sent) {
                if (s.phone().equals(phone) && s.at().toLocalDate().format(DateTimeFormatter.BASIC_ISO_DATE).equals(date)) matching.add(s);
            }
            String details = matching.stream().map(s -> "{\"PhoneNum\":\"" + s.phone() + "\",\"SendStatus\":" + status.getOrDefault(s.outId(), 1L)
                    + ",\"ErrCode\":\"" + (status.getOrDefault(s.outId(), 1L) == 2L ? "MOBILE_NOT_ON_SERVICE" : "DELIVERED")
                    + "\",\"TemplateCode\":\"" + s.templateCode() + "\",\"Content\":\"(fake)\",\"SendDate\":\"" + s.at().format(TIME)
                    + "\",\"ReceiveDate\":\"" + s.at().plusSeconds(5).format(TIME) + "\",\"OutId\":\"" + s.outId() + "\"}")
                    .collect(Collectors.joining(","));
            return json(200, "{\"Code\":\"OK\",\"Message\":\"OK\",\"RequestId\":\"fake\",\"TotalCount\":\"" + matching.size()
                    + "\",\"SmsSendDetailDTOs\":{\"SmsSendDetailDTO\":[" + details + "]}}", Duration.ZERO);
        }

        private static String q(ServeEvent e, String name) {
            var p = e.getRequest().queryParameter(name);
            return p.isPresent() ? p.firstValue() : null;
        }

        private static ResponseDefinition json(int status, String body, Duration delay) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(status).withHeader("Content-Type", "application/json")
                    .withBody(body).withFixedDelay((int) delay.toMillis()).build();
        }
    }

    static Instant now() { return Instant.now(); }
}
