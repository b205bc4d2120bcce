package io.tixing.webhook;

import io.restassured.RestAssured;
import io.tixing.channel.twilio.FakeTwilio;
import io.tixing.channel.twilio.TwilioSignature;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A webhook exactly as Twilio would send it: the form body as bytes and its {@code X-Twilio-Signature}. Posting the
 * same instance twice is a byte-for-byte replay of a captured request — what an attacker (or a retrying provider) does.
 */
public record SignedWebhook(String pathAndQuery, byte[] body, String signature) {

    public static SignedWebhook of(String pathAndQuery, Map<String, String> form) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        form.forEach((k, v) -> params.put(k, List.of(v)));
        String signature = new TwilioSignature(FakeTwilio.TOKEN, LiveProviders.WEBHOOK_BASE)
                .sign(LiveProviders.WEBHOOK_BASE + pathAndQuery, params);
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return new SignedWebhook(pathAndQuery, body.getBytes(StandardCharsets.UTF_8), signature);
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Posts exactly these bytes with this signature (no client re-encodes them), expects 200, returns the answer. */
    public String post() {
        try {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + pathAndQuery))
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8").header("X-Twilio-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as("webhook %s answered %s", pathAndQuery, response.body()).isIn(200, 204);
            if (response.statusCode() == 200) assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("xml");
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
