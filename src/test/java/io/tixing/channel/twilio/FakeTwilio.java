package io.tixing.channel.twilio;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** A fake Twilio REST API on 127.0.0.1 (random port) that the real SDK talks to through {@link RewritingTwilioHttpClient}. */
public final class FakeTwilio implements AutoCloseable {

    public static final String ACCOUNT = "AC00000000000000000000000000000000";
    public static final String TOKEN = "test-auth-token";
    public static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    public static final String CALLS = "/2010-04-01/Accounts/" + ACCOUNT + "/Calls.json";

    /** The messages created, once {@link #keepsMessages()} is called. */
    public final TwilioMessageStore messages = new TwilioMessageStore();
    public final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
            .containerThreads(150) // the dispatcher sends a whole batch at once, as Twilio itself would take it
            .extensions(messages));

    public FakeTwilio() {
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public TwilioSettings settings(String messagingServiceSid, String smsFrom, Duration readTimeout) {
        return new TwilioSettings(ACCOUNT, TOKEN, baseUrl(), messagingServiceSid, smsFrom, "+14155550100",
                "https://gw.example.com/", "+8610000000", Duration.ofSeconds(2), readTimeout);
    }

    /** Messages.json behaves like Twilio's: POST creates a message that GET (by To) lists afterwards. */
    public void keepsMessages() {
        server.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withTransformers(TwilioMessageStore.NAME)));
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(MESSAGES))
                .willReturn(aResponse().withTransformers(TwilioMessageStore.NAME)));
    }

    /** With {@link #keepsMessages()}: creates each message at once but answers only after {@code delay}. */
    public void keepsMessagesAnsweringLate(Duration delay) { messages.delay = delay; }

    /** With {@link #keepsMessages()}: the message list answers 500. */
    public void listFails(boolean fails) { messages.listFails = fails; }

    public void answers(String path, int status, String json) {
        server.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(json)));
    }

    public void answersSlowly(String path, Duration delay, String json) {
        server.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(201).withFixedDelay((int) delay.toMillis())
                .withHeader("Content-Type", "application/json").withBody(json)));
    }

    public void fails(String path, int httpStatus, int twilioCode, String message) {
        answers(path, httpStatus, "{\"code\":" + twilioCode + ",\"message\":\"" + message
                + "\",\"more_info\":\"https://www.twilio.com/docs/errors/" + twilioCode + "\",\"status\":" + httpStatus + "}");
    }

    public List<LoggedRequest> requests() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        return events.stream().map(ServeEvent::getRequest).toList();
    }

    /** The single request received, as decoded form parameters (repeated names keep all values). */
    public Map<String, List<String>> onlyForm() {
        List<LoggedRequest> all = requests();
        if (all.size() != 1) {
            throw new AssertionError("expected exactly one request, got " + all.size());
        }
        return form(all.get(0));
    }

    public static Map<String, List<String>> form(LoggedRequest request) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String body = request.getBodyAsString();
        if (body == null || body.isEmpty()) {
            return out;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    @Override
    public void close() {
        server.stop();
    }
}
