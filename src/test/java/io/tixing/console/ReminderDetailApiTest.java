package io.tixing.console;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.tixing.channel.twilio.FakeTwilio;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import io.tixing.support.TestClock;
import io.tixing.webhook.LiveProviders;
import io.tixing.webhook.SignedWebhook;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.tixing.support.Fixtures.borrower;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code GET /api/v1/reminders/{id}/detail} through HTTP, for a reminder the real dispatcher deferred by quiet hours,
 * then sent through the (fake) Twilio API and confirmed delivered by a signed status callback.
 */
@QuarkusTest
@TestProfile(LiveProviders.Profile.class)
class ReminderDetailApiTest {

    @Inject DispatchWorker worker;
    @Inject TestClock clock;

    @AfterEach
    void resetClock() { clock.reset(); }

    @Test
    void the_detail_shows_a_deferred_then_delivered_reminder_masked_unless_pii_with_reasons_in_words() {
        String submitter = Api.keyWith("detail-submitter", "submitter");
        String operator = Api.keyWith("detail-operator", "operator");
        String pii = Api.keyWith("detail-pii", "compliance", "pii");
        String phone = "+86137" + String.format("%08d", 20_000_000 + (int) (Math.random() * 9_000_000));
        String sid = "SM" + String.format("%032d", Long.parseLong(phone.substring(1)));
        LiveProviders.twilio().server.stubFor(post(urlPathEqualTo(FakeTwilio.MESSAGES)).withRequestBody(containing("To=" + phone.replace("+", "%2B")))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"" + sid + "\",\"status\":\"accepted\"}")));
        var body = Fixtures.aReminder();
        borrower(body).put("phone", phone);
        String email = (String) borrower(body).get("email");

        // 23:10 in Shanghai: quiet hours, deferred to 08:00 the next morning (00:00Z).
        clock.setLocal("2026-11-24T23:10:00", "Asia/Shanghai");
        String id = Api.submit(submitter, body).statusCode(202).extract().path("id");
        worker.drain();

        JsonPath deferred = detail(operator, id, null);
        assertThat(deferred.getBoolean("unmasked")).isFalse();
        assertThat(deferred.getString("request.borrower.name")).isEqualTo("王**");
        assertThat(deferred.getString("request.borrower.phone")).isNotEqualTo(phone).contains("****");
        assertThat(deferred.getString("request.borrower.email")).isNotEqualTo(email).startsWith("w***@");
        assertThat(deferred.getString("request.loan.id")).isEqualTo(Fixtures.loan(body).get("id"));
        assertThat(deferred.getString("zone")).isEqualTo("Asia/Shanghai");
        assertThat(deferred.getString("reminder.decisions[0].decision")).isEqualTo("DEFER");
        assertThat(deferred.getList("reminder.decisions[0].reasons", String.class)).contains("QUIET_HOURS");
        assertThat(deferred.getString("reminder.decisions[0].rulePack")).startsWith("CN@");
        assertThat(deferred.getString("reminder.decisions[0].nextAttemptAt")).isEqualTo("2026-11-25T00:00:00Z");
        assertThat(deferred.getString("reminder.nextAttemptAt")).isEqualTo("2026-11-25T00:00:00Z");
        assertThat(deferred.getString("language")).isEqualTo("en-US");
        assertThat(deferred.getString("reasonTexts.QUIET_HOURS")).isEqualTo("Outside the allowed contact hours in the borrower's local time");
        assertThat(deferred.getList("reminder.attempts")).isEmpty();
        assertThat(deferred.getList("entries.kind", String.class)).containsExactly("REQUEST", "DECISION");
        assertThat(deferred.getString("entries[1].decision")).isEqualTo("DEFER");
        assertThat(deferred.getString("entries[1].until")).isEqualTo("2026-11-25T00:00:00Z");
        assertThat(detail(operator, id, "zh-CN").getString("reasonTexts.QUIET_HOURS")).isEqualTo("借款人当地时间不在允许联系的时段内");

        // 08:00:30 the next morning it goes out; Twilio reports it delivered.
        clock.setLocal("2026-11-25T08:00:30", "Asia/Shanghai");
        worker.drain();
        String attemptId = detail(operator, id, null).getString("reminder.attempts[0].id");
        SignedWebhook.of("/webhooks/twilio/status?attemptId=" + attemptId, Map.of("MessageSid", sid, "MessageStatus", "delivered")).post();
        worker.drain();

        JsonPath sent = detail(operator, id, null);
        assertThat(sent.getString("reminder.status")).isEqualTo("DELIVERED");
        assertThat(sent.getString("reminder.attempts[0].channel")).isEqualTo("SMS");
        assertThat(sent.getString("reminder.attempts[0].status")).isEqualTo("DELIVERED");
        assertThat(sent.getString("reminder.attempts[0].providerId")).isEqualTo(sid);
        assertThat(sent.getString("reminder.attempts[0].destination")).isNotEqualTo(phone);
        assertThat(sent.getList("reminder.decisions.decision", String.class)).containsExactly("DEFER", "ALLOW");
        assertThat(sent.getList("entries.kind", String.class)).containsSubsequence("REQUEST", "DECISION", "DECISION", "ATTEMPT", "STATUS");
        assertThat(sent.getString("entries.find { it.kind == 'ATTEMPT' }.outcome")).isEqualTo("SENT");
        assertThat(sent.getString("entries.find { it.kind == 'STATUS' }.outcome")).isEqualTo("DELIVERED");
        assertThat(sent.getString("entries.find { it.kind == 'ATTEMPT' }.localTime")).startsWith("2026-11-25T08:00:30");

        // The message as rendered is the text Twilio was given; masked, it does not carry the borrower's name.
        String handedOver = sentBody(phone);
        JsonPath full = detail(pii, id, null);
        assertThat(full.getBoolean("unmasked")).isTrue();
        assertThat(full.getString("request.borrower.name")).isEqualTo("王小明");
        assertThat(full.getString("request.borrower.phone")).isEqualTo(phone);
        assertThat(full.getString("request.borrower.email")).isEqualTo(email);
        assertThat(full.getString("messages[0].channel")).isEqualTo("SMS");
        assertThat(full.getString("messages[0].body")).isEqualTo(handedOver);
        assertThat(sent.getString("messages[0].body")).isNotBlank().doesNotContain("王小明");
        // An unmasked read is audited; a masked one is not.
        List<Map<String, Object>> audits = Api.as(pii).queryParam("borrowerId", borrower(body).get("id")).queryParam("kind", "AUDIT")
                .get("/api/v1/contact-log").then().statusCode(200).extract().jsonPath().getList("entries");
        assertThat(audits).hasSize(1);
        assertThat(audits.getFirst()).containsEntry("outcome", "UNMASKED_READ").containsEntry("actor", "api:detail-pii");
    }

    @Test
    void an_unknown_reminder_is_404_problem_json_and_roles_without_access_are_403() {
        String operator = Api.keyWith("detail-operator-404", "operator");
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-reminder-id")) {
            Api.as(operator).get("/api/v1/reminders/" + id + "/detail").then().statusCode(404)
                    .contentType("application/problem+json").body("status", equalTo(404));
        }
        String submitter = Api.keyWith("detail-submitter-403", "submitter");
        String id = Api.submit(submitter, Fixtures.aReminder()).statusCode(202).extract().path("id");
        Api.as(submitter).get("/api/v1/reminders/" + id + "/detail").then().statusCode(403);
        Api.as(Api.keyWith("detail-agent-403", "agent")).get("/api/v1/reminders/" + id + "/detail").then().statusCode(403);
        Api.as(Api.keyWith("detail-pii-only", "pii")).get("/api/v1/reminders/" + id + "/detail").then().statusCode(403);
        Api.as(operator).queryParam("lang", "<script>").get("/api/v1/reminders/" + id + "/detail").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("lang"));
    }

    private static JsonPath detail(String key, String id, String lang) {
        var spec = Api.as(key);
        if (lang != null) spec.queryParam("lang", lang);
        return spec.get("/api/v1/reminders/" + id + "/detail").then().statusCode(200).extract().jsonPath();
    }

    /** The Body form field of the message request Twilio received for {@code phone}. */
    private static String sentBody(String phone) {
        List<LoggedRequest> requests = LiveProviders.twilio().server.findAll(postRequestedFor(urlPathEqualTo(FakeTwilio.MESSAGES))
                .withRequestBody(containing("To=" + phone.replace("+", "%2B"))));
        assertThat(requests).hasSize(1);
        for (String pair : requests.getFirst().getBodyAsString().split("&")) {
            if (pair.startsWith("Body=")) return URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
        }
        throw new AssertionError("no Body in " + requests.getFirst().getBodyAsString());
    }
}
