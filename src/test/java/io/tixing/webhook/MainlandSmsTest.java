package io.tixing.webhook;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.tixing.channel.sms.aliyun.FakeAliyun;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static io.tixing.support.Fixtures.borrower;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** The mainland route end to end: API → dispatch → Alibaba Cloud SMS (or Twilio when it is down) → its callbacks. */
@QuarkusTest
@TestProfile(MainlandProviders.Profile.class)
class MainlandSmsTest {

    private static final AtomicInteger NUMBERS = new AtomicInteger(5000);

    @Inject DispatchWorker worker;
    @Inject TestClock clock;
    @Inject AliyunReceiptPoller poller;

    static String key;

    @BeforeEach
    void setUp() {
        clock.reset();
        MainlandProviders.aliyun.healthy();
        MainlandProviders.aliyun.clock(clock);
        if (key == null) key = Api.keyWith("mainland-test", "submitter", "operator", "compliance", "pii");
        worker.drain();
    }

    private static String freshMobile() { return "+86137" + String.format("%08d", NUMBERS.incrementAndGet()); }

    private static Map<String, Object> reminderTo(String phone) {
        var body = Fixtures.aReminder();
        borrower(body).put("phone", phone);
        body.put("channels", List.of("SMS"));
        return body;
    }

    private String send(String phone) {
        String id = Api.submit(key, reminderTo(phone)).statusCode(202).extract().path("id");
        worker.drain();
        return id;
    }

    private static List<FakeAliyun.Sent> sentTo(String phone) {
        return MainlandProviders.aliyun.sent().stream().filter(s -> s.phone().equals(phone.substring(3))).toList();
    }

    @Test
    void a_mainland_reminder_goes_by_alibaba_cloud_with_the_approved_template_its_values_and_the_attempt_id() throws Exception {
        String phone = freshMobile();
        String id = send(phone);

        var reminder = Api.as(key).get("/api/v1/reminders/" + id).then().statusCode(200).body("status", equalTo("SENT"))
                .body("attempts[0].providerId", startsWith("aliyun:")).extract();
        String attempt = reminder.path("attempts[0].id");
        assertThat(sentTo(phone)).singleElement().satisfies(s -> {
            assertThat(s.outId()).isEqualTo(attempt);
            assertThat(s.signName()).isEqualTo("示例银行");
            assertThat(s.templateCode()).isEqualTo(MainlandProviders.TEMPLATE_CODE);
        });
        @SuppressWarnings("unchecked")
        Map<String, String> params = new com.fasterxml.jackson.databind.ObjectMapper().readValue(sentTo(phone).getFirst().templateParam(), Map.class);
        assertThat(params).containsEntry("amount", "¥1,234.50").containsEntry("hotline", "95555").containsEntry("days", "3")
                .containsEntry("name", "王**");
        assertThat(MainlandProviders.twilio.messages.created()).noneMatch(c -> c.to().equals(phone));
    }

    @Test
    void alibaba_cloud_down_the_same_attempt_goes_once_by_twilio_and_its_status_callback_still_finds_it() {
        String phone = freshMobile();
        MainlandProviders.aliyun.refusesWith(503, "ServiceUnavailable");
        String id = send(phone);

        var created = MainlandProviders.twilio.messages.created().stream().filter(c -> c.to().equals(phone)).toList();
        assertThat(created).hasSize(1);
        assertThat(sentTo(phone)).isEmpty();
        Api.as(key).get("/api/v1/reminders/" + id).then().body("status", equalTo("SENT"))
                .body("attempts", org.hamcrest.Matchers.hasSize(1))
                .body("attempts[0].providerId", equalTo(created.getFirst().sid()));
        String attempt = Api.as(key).get("/api/v1/reminders/" + id).then().extract().path("attempts[0].id");
        assertThat(created.getFirst().statusCallback()).endsWith("attemptId=" + attempt);
    }

    @Test
    void a_delivery_report_with_the_token_marks_the_attempt_delivered_and_one_without_it_is_refused() {
        String phone = freshMobile();
        String id = send(phone);
        var sent = sentTo(phone).getFirst();
        String report = """
                [{"phone_number":"%s","send_time":"2026-12-01 11:00:00","report_time":"2026-12-01 11:00:05","success":true,
                  "err_code":"DELIVERED","err_msg":"用户接收成功","sms_size":"1","biz_id":"%s","out_id":"%s"}]"""
                .formatted(sent.phone(), sent.bizId(), sent.outId());

        given().contentType(ContentType.JSON).body(report).post("/webhooks/aliyun/wrong-token/report").then().statusCode(403);
        Api.as(key).get("/api/v1/reminders/" + id).then().body("status", equalTo("SENT"));

        given().contentType(ContentType.JSON).body(report).post("/webhooks/aliyun/" + MainlandProviders.TOKEN + "/report")
                .then().statusCode(200).body("code", equalTo(0));
        given().contentType(ContentType.JSON).body(report).post("/webhooks/aliyun/" + MainlandProviders.TOKEN + "/report")
                .then().statusCode(200); // pushed again: applied once
        Api.as(key).get("/api/v1/reminders/" + id).then().body("status", equalTo("DELIVERED"))
                .body("attempts[0].status", equalTo("DELIVERED"));
    }

    @Test
    void a_pulled_receipt_marks_the_attempt_delivered() {
        String phone = freshMobile();
        String id = send(phone);
        MainlandProviders.aliyun.receipt(sentTo(phone).getFirst().outId(), true);

        assertThat(poller.pollOnce()).isGreaterThanOrEqualTo(1);

        Api.as(key).get("/api/v1/reminders/" + id).then().body("status", equalTo("DELIVERED"));
    }

    @Test
    void an_inbound_TD_through_alibaba_cloud_opts_the_borrower_out_like_a_twilio_reply() {
        String phone = freshMobile();
        var first = reminderTo(phone);
        Api.submit(key, first).statusCode(202);
        worker.drain();
        String mo = """
                [{"phone_number":"%s","send_time":"2026-12-01 11:05:00","content":" TD ","sign_name":"【示例银行】","dest_code":"1234","sequence_id":%d}]"""
                .formatted(phone.substring(3), NUMBERS.get());

        given().contentType(ContentType.JSON).body(mo).post("/webhooks/aliyun/" + MainlandProviders.TOKEN + "/inbound")
                .then().statusCode(200).body("code", equalTo(0));

        var second = reminderTo(phone);
        borrower(second).put("id", borrower(first).get("id"));
        String id = Api.submit(key, second).statusCode(202).extract().path("id");
        worker.drain();
        Api.as(key).get("/api/v1/reminders/" + id).then()
                .body("status", equalTo("SUPPRESSED")).body("decisions[0].reasons", hasItem("OPTED_OUT"));
        assertThat(sentTo(phone)).hasSize(1);
    }

    @Test
    void health_shows_each_sms_provider_and_its_circuit() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Channels' }.data.'SMS.aliyun'", equalTo("circuit CLOSED"))
                .body("checks.find { it.name == 'Channels' }.data.'SMS.twilio'", equalTo("circuit CLOSED"));
    }
}
