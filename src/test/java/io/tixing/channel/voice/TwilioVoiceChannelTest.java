package io.tixing.channel.voice;

import io.tixing.channel.OutboundMessage;
import io.tixing.channel.SendResult;
import io.tixing.channel.SendResult.Failure;
import io.tixing.channel.twilio.FakeTwilio;
import io.tixing.channel.twilio.Fixtures;
import io.tixing.channel.twilio.TwilioClients;
import io.tixing.channel.twilio.TwilioSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Element;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static io.tixing.channel.twilio.FakeTwilio.CALLS;
import static org.assertj.core.api.Assertions.assertThat;

class TwilioVoiceChannelTest {

    private static final String CALL_OK = "{\"sid\":\"CA0123456789abcdef0123456789abcdef\",\"status\":\"queued\"}";
    private static final String SCRIPT = "王小明您好，您在示例银行的贷款1234.50元已逾期3天。";

    private final FakeTwilio twilio = new FakeTwilio();

    @AfterEach
    void stop() {
        twilio.close();
    }

    private TwilioVoiceChannel channel(Duration readTimeout) {
        TwilioSettings settings = twilio.settings(null, "+14155550199", readTimeout);
        return new TwilioVoiceChannel(TwilioClients.create(settings), settings, CallFlow.from(settings, Clock.systemUTC()),
                Fixtures.backoff());
    }

    private static OutboundMessage call(String locale, String name) {
        return Fixtures.voice("+8613800138000", locale, name, SCRIPT, "您好，请回电95555。");
    }

    @Test
    void twilio_receives_to_from_inline_twiml_machine_detection_and_status_callback() {
        twilio.answers(CALLS, 201, CALL_OK);

        SendResult result = channel(Duration.ofSeconds(5)).send(call("zh-CN", "王**"));

        assertThat(result).isEqualTo(new SendResult.Accepted("CA0123456789abcdef0123456789abcdef", "queued"));
        var form = twilio.onlyForm();
        assertThat(form).containsEntry("To", List.of("+8613800138000"))
                .containsEntry("From", List.of("+14155550100"))
                .containsEntry("MachineDetection", List.of("DetectMessageEnd"))
                .containsEntry("StatusCallback", List.of("https://gw.example.com/webhooks/twilio/status?attemptId=" + Fixtures.ATTEMPT))
                .containsEntry("StatusCallbackMethod", List.of("POST"))
                .containsEntry("StatusCallbackEvent", List.of("initiated", "ringing", "answered", "completed"))
                .doesNotContainKey("Url");
        String xml = form.get("Twiml").get(0);
        assertThat(xml.length()).isLessThanOrEqualTo(4000);
        Twiml twiml = Twiml.parse(xml);
        assertThat(twiml.topLevelVerbs()).containsExactly("Gather", "Say", "Hangup");
        assertThat(twiml.all("Gather").get(0).getAttribute("action"))
                .isEqualTo("https://gw.example.com/webhooks/twilio/voice/" + Fixtures.ATTEMPT + "?step=identity");
        assertThat(twiml.allText()).doesNotContain("逾期").doesNotContain("1234");
    }

    @ParameterizedTest
    @CsvSource({
            "zh-CN, cmn-CN, Polly.Zhiyu-Neural",
            "zh-TW, cmn-TW, Google.cmn-TW-Wavenet-A",
            "zh-HK, yue-HK, Google.yue-HK-Standard-A",
            "en-US, en-US, Polly.Joanna-Neural"})
    void the_inline_twiml_speaks_the_borrowers_language(String locale, String language, String voice) {
        twilio.answers(CALLS, 201, CALL_OK);

        channel(Duration.ofSeconds(5)).send(call(locale, "王**"));

        List<Element> says = Twiml.parse(twilio.onlyForm().get("Twiml").get(0)).all("Say");
        assertThat(says).isNotEmpty().allSatisfy(say -> {
            assertThat(say.getAttribute("language")).isEqualTo(language);
            assertThat(say.getAttribute("voice")).isEqualTo(voice);
        });
    }

    @Test
    void a_borrower_name_carrying_twiml_is_escaped_in_what_twilio_receives() {
        twilio.answers(CALLS, 201, CALL_OK);

        String evil = "<Dial>+19005550123</Dial>]]>&";
        channel(Duration.ofSeconds(5)).send(Fixtures.voice("+8613800138000", "zh-CN", "王" + evil, SCRIPT, "请回电" + evil));

        Twiml twiml = Twiml.parse(twilio.onlyForm().get("Twiml").get(0));
        assertThat(twiml.all("Dial")).isEmpty();
        // the name is spoken as the polite surname only; the (voicemail) text still carries the markup, as text
        assertThat(twiml.all("Gather").get(0).getTextContent()).contains("王姓客户").doesNotContain("<");
        assertThat(twiml.saidTexts()).anySatisfy(said -> assertThat(said).contains("请回电" + evil));
    }

    @Test
    void a_first_twiml_over_4000_characters_is_replaced_by_a_redirect_to_the_start_step() {
        twilio.answers(CALLS, 201, CALL_OK);
        OutboundMessage m = Fixtures.voice("+8613800138000", "zh-CN", "王**", SCRIPT, "请回电。".repeat(1200));

        channel(Duration.ofSeconds(5)).send(m);

        Twiml twiml = Twiml.parse(twilio.onlyForm().get("Twiml").get(0));
        assertThat(twiml.topLevelVerbs()).containsExactly("Redirect");
        assertThat(twiml.all("Redirect").get(0).getTextContent())
                .isEqualTo("https://gw.example.com/webhooks/twilio/voice/" + Fixtures.ATTEMPT + "?step=start");
    }

    @Test
    void invalid_number_is_an_invalid_contact_point() {
        twilio.fails(CALLS, 400, 21211, "The 'To' number is not a valid phone number.");

        assertThat(channel(Duration.ofSeconds(5)).send(call("zh-CN", "王**")))
                .isInstanceOfSatisfying(SendResult.Rejected.class,
                        r -> assertThat(r.failure()).isEqualTo(Failure.INVALID_CONTACT_POINT));
    }

    @Test
    void rate_limit_is_retried_later_and_a_read_timeout_is_an_unknown_outcome() {
        twilio.fails(CALLS, 429, 20429, "Too Many Requests");
        assertThat(channel(Duration.ofSeconds(5)).send(call("zh-CN", "王**"))).isInstanceOf(SendResult.RetryLater.class);

        twilio.server.resetAll();
        twilio.answersSlowly(CALLS, Duration.ofMillis(1500), CALL_OK);
        assertThat(channel(Duration.ofMillis(300)).send(call("zh-CN", "王**"))).isInstanceOf(SendResult.Unknown.class);
    }
}
