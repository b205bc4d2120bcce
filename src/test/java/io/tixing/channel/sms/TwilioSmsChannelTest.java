package io.tixing.channel.sms;

import com.twilio.http.TwilioRestClient;
import io.tixing.channel.SendResult;
import io.tixing.channel.SendResult.Failure;
import io.tixing.channel.twilio.FakeTwilio;
import io.tixing.channel.twilio.Fixtures;
import io.tixing.channel.twilio.TwilioClients;
import io.tixing.channel.twilio.TwilioSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.tixing.channel.twilio.FakeTwilio.MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;

class TwilioSmsChannelTest {

    private static final String SMS_OK = "{\"sid\":\"SM0123456789abcdef0123456789abcdef\",\"status\":\"accepted\"}";
    private static final String BODY = "【示例银行】王小明您好，您的贷款¥1,234.50已逾期3天，请致电95555还款。回复TD退订";

    private final FakeTwilio twilio = new FakeTwilio();

    @AfterEach
    void stop() {
        twilio.close();
    }

    private TwilioSmsChannel channel(String messagingServiceSid, String from, Duration readTimeout) {
        TwilioSettings settings = twilio.settings(messagingServiceSid, from, readTimeout);
        TwilioRestClient client = TwilioClients.create(settings);
        return new TwilioSmsChannel(client, settings, Fixtures.backoff());
    }

    private TwilioSmsChannel channel() {
        return channel("MG11111111111111111111111111111111", null, Duration.ofSeconds(5));
    }

    @Test
    void twilio_receives_to_messaging_service_body_and_status_callback() {
        twilio.answers(MESSAGES, 201, SMS_OK);

        SendResult result = channel().send(Fixtures.sms("+8613800138000", BODY));

        assertThat(result).isEqualTo(new SendResult.Accepted("SM0123456789abcdef0123456789abcdef", "accepted"));
        var form = twilio.onlyForm();
        assertThat(form).containsEntry("To", List.of("+8613800138000"))
                .containsEntry("MessagingServiceSid", List.of("MG11111111111111111111111111111111"))
                .containsEntry("Body", List.of(BODY))
                .containsEntry("StatusCallback",
                        List.of("https://gw.example.com/webhooks/twilio/status?attemptId=" + Fixtures.ATTEMPT))
                .doesNotContainKey("From");
        var request = twilio.requests().get(0);
        assertThat(request.getUrl()).isEqualTo(MESSAGES);
        assertThat(request.getHeader("Authorization")).isEqualTo("Basic " + java.util.Base64.getEncoder()
                .encodeToString((FakeTwilio.ACCOUNT + ":" + FakeTwilio.TOKEN).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void without_messaging_service_the_from_number_is_the_sender() {
        twilio.answers(MESSAGES, 201, SMS_OK);

        channel(null, "+14155550199", Duration.ofSeconds(5)).send(Fixtures.sms("+8613800138000", BODY));

        assertThat(twilio.onlyForm()).containsEntry("From", List.of("+14155550199")).doesNotContainKey("MessagingServiceSid");
    }

    @Test
    void invalid_number_21211_marks_the_contact_point_invalid() {
        twilio.fails(MESSAGES, 400, 21211, "The 'To' number +86138 is not a valid phone number.");

        SendResult result = channel().send(Fixtures.sms("+86138", BODY));

        assertThat(result).isInstanceOfSatisfying(SendResult.Rejected.class, r -> {
            assertThat(r.failure()).isEqualTo(Failure.INVALID_CONTACT_POINT);
            assertThat(r.errorCode()).isEqualTo("21211");
        });
    }

    @Test
    void landline_21614_marks_the_contact_point_invalid() {
        twilio.fails(MESSAGES, 400, 21614, "'To' number is not a valid mobile number");

        assertThat(channel().send(Fixtures.sms("+861062345678", BODY)))
                .isEqualTo(new SendResult.Rejected(Failure.INVALID_CONTACT_POINT, "21614", "'To' number is not a valid mobile number"));
    }

    @Test
    void unsubscribed_recipient_21610_is_an_opt_out() {
        twilio.fails(MESSAGES, 400, 21610, "Attempt to send to unsubscribed recipient");

        assertThat(channel().send(Fixtures.sms("+8613800138000", BODY)))
                .isInstanceOfSatisfying(SendResult.Rejected.class, r -> assertThat(r.failure()).isEqualTo(Failure.OPTED_OUT));
    }

    @Test
    void too_many_requests_429_is_retried_later_and_the_sdk_does_not_retry_it_itself() {
        twilio.fails(MESSAGES, 429, 20429, "Too Many Requests");

        SendResult result = channel().send(Fixtures.sms("+8613800138000", BODY));

        assertThat(result).isInstanceOfSatisfying(SendResult.RetryLater.class, r -> {
            assertThat(r.errorCode()).isEqualTo("20429");
            assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        });
        assertThat(twilio.requests()).hasSize(1);
    }

    @Test
    void server_error_500_is_tried_three_times_by_the_sdk_then_retried_later() {
        twilio.fails(MESSAGES, 500, 20500, "Internal Server Error");

        SendResult result = channel().send(Fixtures.sms("+8613800138000", BODY));

        assertThat(result).isInstanceOf(SendResult.RetryLater.class);
        assertThat(twilio.requests()).hasSize(3);
    }

    @Test
    void a_read_timeout_is_an_unknown_outcome_not_a_retry_because_twilio_may_have_sent_it() {
        twilio.answersSlowly(MESSAGES, Duration.ofMillis(1500), SMS_OK);

        SendResult result = channel("MG11111111111111111111111111111111", null, Duration.ofMillis(300))
                .send(Fixtures.sms("+8613800138000", BODY));

        assertThat(result).isInstanceOfSatisfying(SendResult.Unknown.class,
                r -> assertThat(r.errorCode()).isEqualTo("TIMEOUT"));
    }

    @Test
    void connection_refused_is_retried_later() {
        String base = twilio.baseUrl();
        twilio.close();
        TwilioSettings settings = new TwilioSettings(FakeTwilio.ACCOUNT, FakeTwilio.TOKEN, base,
                "MG11111111111111111111111111111111", null, null, "https://gw.example.com", null,
                Duration.ofSeconds(1), Duration.ofSeconds(1));

        SendResult result = new TwilioSmsChannel(TwilioClients.create(settings), settings, Fixtures.backoff())
                .send(Fixtures.sms("+8613800138000", BODY));

        assertThat(result).isInstanceOf(SendResult.RetryLater.class);
    }

    @Test
    void other_client_errors_are_permanent() {
        twilio.fails(MESSAGES, 401, 20003, "Authenticate");

        assertThat(channel().send(Fixtures.sms("+8613800138000", BODY)))
                .isInstanceOfSatisfying(SendResult.Rejected.class, r -> assertThat(r.failure()).isEqualTo(Failure.PERMANENT));
    }
}
