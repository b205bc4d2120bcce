package io.tixing.channel.voice;

import io.tixing.channel.OutboundMessage;
import io.tixing.channel.twilio.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Element;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class CallFlowTest {

    private static final String SCRIPT = "王小明您好，您在示例银行的贷款1234.50元已逾期3天，请致电95555还款。";
    private static final String VOICEMAIL = "您好，这里是示例银行客户服务中心，请回电95555。";
    private static final String HOOK = "https://gw.example.com/webhooks/twilio/voice/" + Fixtures.ATTEMPT;

    private final CallFlow flow = new CallFlow("https://gw.example.com/", "+8610000000", "+14155550100",
            Clock.fixed(Instant.parse("2026-11-23T02:00:00Z"), ZoneOffset.UTC));

    private static OutboundMessage call(String locale) {
        return Fixtures.voice("+8613800138000", locale, "王**", SCRIPT, VOICEMAIL);
    }

    @Test
    void an_answering_machine_hears_only_the_neutral_callback_message() {
        VoiceReply reply = flow.start(call("zh-CN"), "machine_end_beep");

        Twiml twiml = Twiml.parse(reply.twiml());
        assertThat(reply.choice()).isEqualTo(new VoiceChoice.Machine("machine_end_beep"));
        assertThat(twiml.saidTexts()).containsExactly(VOICEMAIL);
        assertThat(twiml.all("Gather")).isEmpty();
        assertThat(twiml.allText()).doesNotContain("逾期").doesNotContain("1234");
    }

    @Test
    void a_person_is_first_asked_to_confirm_identity_without_any_debt_detail() {
        VoiceReply reply = flow.start(call("zh-CN"), "human");

        Twiml twiml = Twiml.parse(reply.twiml());
        assertThat(reply.choice()).isEqualTo(new VoiceChoice.AwaitingIdentity());
        assertThat(twiml.topLevelVerbs()).containsExactly("Gather", "Say", "Hangup");
        Element gather = twiml.all("Gather").get(0);
        assertThat(gather.getAttribute("action")).isEqualTo(HOOK + "?step=identity");
        assertThat(gather.getAttribute("numDigits")).isEqualTo("1");
        assertThat(gather.getAttribute("input")).isEqualTo("dtmf");
        assertThat(gather.getTextContent()).isEqualTo("您好，请问您是王姓客户本人吗？是本人请按1，不是请按2。");
        assertThat(twiml.allText()).doesNotContain("逾期").doesNotContain("1234");
    }

    @Test
    void the_robot_asks_for_a_latin_name_by_its_initials_never_by_stars() {
        OutboundMessage m = Fixtures.voice("+12024561111", "en-US", "J*** S****", SCRIPT, VOICEMAIL);

        String question = Twiml.parse(flow.start(m, "human").twiml()).all("Gather").get(0).getTextContent();

        assertThat(question).isEqualTo("Hello. If you are J. S., please press 1. If not, please press 2.").doesNotContain("*");
    }

    @Test
    void the_robot_asks_for_a_chinese_name_by_the_surname_in_the_polite_form_of_each_locale() {
        assertThat(identityQuestion("zh-TW", "林**")).isEqualTo("您好，請問您是林先生或林小姐本人嗎？是本人請按1，不是請按2。");
        assertThat(identityQuestion("zh-HK", "陳**")).contains("陳先生或者陳小姐").doesNotContain("*");
        assertThat(identityQuestion("zh-CN", "J*** S****")).contains("J. S.").doesNotContain("*");
    }

    private String identityQuestion(String locale, String maskedName) {
        OutboundMessage m = Fixtures.voice("+8613800138000", locale, maskedName, SCRIPT, VOICEMAIL);
        return Twiml.parse(flow.start(m, "human").twiml()).all("Gather").get(0).getTextContent();
    }

    @Test
    void without_a_template_voicemail_the_built_in_neutral_message_is_used() {
        OutboundMessage m = Fixtures.voice("+8613800138000", "zh-HK", "陳**", SCRIPT, null);

        assertThat(Twiml.parse(flow.start(m, "machine_start").twiml()).saidTexts())
                .containsExactly(VoicePrompts.get(VoiceLocale.ZH_HK, VoicePrompts.Key.VOICEMAIL));
    }

    @Test
    void pressing_1_plays_the_reminder_and_then_the_menu() {
        VoiceReply reply = flow.identity(call("zh-CN"), "1");

        Twiml twiml = Twiml.parse(reply.twiml());
        assertThat(reply.choice()).isEqualTo(new VoiceChoice.IdentityConfirmed());
        assertThat(twiml.topLevelVerbs()).containsExactly("Say", "Pause", "Gather", "Say", "Hangup");
        assertThat(twiml.saidTexts().get(0)).isEqualTo(SCRIPT);
        Element gather = twiml.all("Gather").get(0);
        assertThat(gather.getAttribute("action")).isEqualTo(HOOK + "?step=menu");
        assertThat(gather.getTextContent()).contains("按1", "按2", "按0", "按9");
    }

    @Test
    void any_other_key_gets_a_polite_goodbye_without_debt_details() {
        VoiceReply reply = flow.identity(call("zh-CN"), "2");

        Twiml twiml = Twiml.parse(reply.twiml());
        assertThat(reply.choice()).isEqualTo(new VoiceChoice.IdentityRefused("2"));
        assertThat(twiml.allText()).doesNotContain(SCRIPT).doesNotContain("逾期");
        assertThat(twiml.topLevelVerbs()).containsExactly("Say", "Hangup");
    }

    @Test
    void menu_1_asks_for_the_promise_date() {
        VoiceReply reply = flow.menu(call("zh-CN"), "1");

        Element gather = Twiml.parse(reply.twiml()).all("Gather").get(0);
        assertThat(reply.choice()).isEqualTo(new VoiceChoice.PromiseDateRequested());
        assertThat(gather.getAttribute("action")).isEqualTo(HOOK + "?step=promise-date");
        assertThat(gather.getAttribute("finishOnKey")).isEqualTo("#");
    }

    @Test
    void a_date_as_yyyymmdd_is_a_promise_to_pay_on_that_day() {
        VoiceReply reply = flow.promiseDate(call("zh-CN"), "20261130#", LocalDate.of(2026, 11, 23));

        assertThat(reply.choice()).isEqualTo(new VoiceChoice.PromiseToPay(LocalDate.of(2026, 11, 30)));
        assertThat(Twiml.parse(reply.twiml()).saidTexts().get(0)).contains("2026年11月30日");
    }

    @Test
    void a_number_of_days_counts_from_the_borrowers_today() {
        VoiceReply reply = flow.promiseDate(call("en-US"), "7", LocalDate.of(2026, 11, 23));

        assertThat(reply.choice()).isEqualTo(new VoiceChoice.PromiseToPay(LocalDate.of(2026, 11, 30)));
        assertThat(Twiml.parse(reply.twiml()).saidTexts().get(0)).contains("November 30, 2026");
    }

    @Test
    void without_a_given_today_the_clock_in_the_locale_zone_is_used() {
        // 2026-11-23T02:00Z is still 2026-11-22 in New York
        assertThat(flow.promiseDate(call("en-US"), "1", null).choice())
                .isEqualTo(new VoiceChoice.PromiseToPay(LocalDate.of(2026, 11, 23)));
    }

    @ParameterizedTest
    @CsvSource({"20260231", "20261122", "20270301", "1234", "''"})
    void impossible_past_or_far_dates_are_asked_again(String digits) {
        VoiceReply reply = flow.promiseDate(call("zh-CN"), digits, LocalDate.of(2026, 11, 23));

        assertThat(reply.choice()).isInstanceOf(VoiceChoice.PromiseDateInvalid.class);
        assertThat(Twiml.parse(reply.twiml()).all("Gather").get(0).getAttribute("action")).isEqualTo(HOOK + "?step=promise-date");
    }

    @Test
    void menu_2_records_hardship() {
        assertThat(flow.menu(call("zh-TW"), "2").choice()).isEqualTo(new VoiceChoice.Hardship());
    }

    @Test
    void menu_0_dials_the_configured_agent_number() {
        VoiceReply reply = flow.menu(call("zh-CN"), "0");

        Twiml twiml = Twiml.parse(reply.twiml());
        assertThat(reply.choice()).isEqualTo(new VoiceChoice.Agent(true));
        assertThat(twiml.all("Dial")).hasSize(1);
        assertThat(twiml.all("Number").get(0).getTextContent()).isEqualTo("+8610000000");
        assertThat(twiml.all("Dial").get(0).getAttribute("callerId")).isEqualTo("+14155550100");
    }

    @Test
    void menu_0_without_an_agent_number_promises_a_call_back() {
        CallFlow noAgent = new CallFlow("https://gw.example.com", null, null, Clock.systemUTC());

        VoiceReply reply = noAgent.menu(call("zh-CN"), "0");

        assertThat(reply.choice()).isEqualTo(new VoiceChoice.Agent(false));
        assertThat(Twiml.parse(reply.twiml()).all("Dial")).isEmpty();
    }

    @Test
    void menu_9_stops_voice_calls() {
        assertThat(flow.menu(call("zh-HK"), "9").choice()).isEqualTo(new VoiceChoice.OptOut());
    }

    @Test
    void an_unknown_menu_key_replays_the_menu() {
        VoiceReply reply = flow.menu(call("zh-CN"), "5");

        assertThat(reply.choice()).isEqualTo(new VoiceChoice.InvalidChoice("5"));
        assertThat(Twiml.parse(reply.twiml()).all("Gather").get(0).getAttribute("action")).isEqualTo(HOOK + "?step=menu");
    }

    @ParameterizedTest
    @CsvSource({
            "zh-CN, cmn-CN, Polly.Zhiyu-Neural",
            "zh-TW, cmn-TW, Google.cmn-TW-Wavenet-A",
            "zh-HK, yue-HK, Google.yue-HK-Standard-A",
            "en-US, en-US, Polly.Joanna-Neural"})
    void every_say_uses_the_language_and_voice_of_the_locale(String locale, String language, String voice) {
        for (VoiceReply reply : new VoiceReply[]{flow.start(call(locale), null), flow.identity(call(locale), "1"),
                flow.menu(call(locale), "1"), flow.promiseDate(call(locale), "3", LocalDate.of(2026, 11, 23))}) {
            for (Element say : Twiml.parse(reply.twiml()).all("Say")) {
                assertThat(say.getAttribute("language")).isEqualTo(language);
                assertThat(say.getAttribute("voice")).isEqualTo(voice);
            }
        }
    }

    @Test
    void markup_in_the_borrower_name_or_script_is_spoken_as_text_never_executed() {
        String evil = "王<Dial>+19005550123</Dial>]]><Play>x</Play>&amp;";
        OutboundMessage m = Fixtures.voice("+8613800138000", "zh-CN", evil, "请还款 " + evil, evil);

        for (VoiceReply reply : new VoiceReply[]{flow.start(m, null), flow.start(m, "machine_start"),
                flow.identity(m, "1"), flow.menu(m, "2")}) {
            Twiml twiml = Twiml.parse(reply.twiml());
            assertThat(twiml.all("Dial")).isEmpty();
            assertThat(twiml.all("Play")).isEmpty();
        }
        // the name is spoken as 王姓客户 (no markup left to escape); the script still carries it, as text
        assertThat(Twiml.parse(flow.start(m, null).twiml()).all("Say").get(0).getTextContent()).contains("王姓客户").doesNotContain("<");
        assertThat(Twiml.parse(flow.identity(m, "1").twiml()).all("Say").get(0).getTextContent()).contains(evil);
    }

    @Test
    void a_whole_call_follows_the_gather_actions_from_identity_to_a_promise() {
        OutboundMessage m = call("zh-TW");
        String[] keys = {"1", "1", "20261201"};
        VoiceReply reply = flow.start(m, "human");
        java.util.List<String> codes = new java.util.ArrayList<>(java.util.List.of(reply.choice().code()));
        for (String key : keys) {
            String action = Twiml.parse(reply.twiml()).all("Gather").get(0).getAttribute("action");
            assertThat(action).startsWith(HOOK + "?step=");
            VoiceStep next = VoiceStep.fromParam(action.substring(action.indexOf("step=") + 5)).orElseThrow();
            reply = flow.respond(next, m, key, null, LocalDate.of(2026, 11, 23));
            codes.add(reply.choice().code());
        }
        assertThat(codes).containsExactly("AWAITING_IDENTITY", "IDENTITY_CONFIRMED", "PROMISE_DATE_REQUESTED", "PROMISE_TO_PAY");
        assertThat(reply.choice()).isEqualTo(new VoiceChoice.PromiseToPay(LocalDate.of(2026, 12, 1)));
        assertThat(Twiml.parse(reply.twiml()).saidTexts().get(0)).contains("2026年12月1日");
    }

    @Test
    void the_step_parameter_names_round_trip() {
        for (VoiceStep step : VoiceStep.values()) {
            assertThat(VoiceStep.fromParam(step.param())).contains(step);
        }
        assertThat(VoiceStep.fromParam("nope")).isEmpty();
    }

    @Test
    void locale_tags_pick_the_right_voice() {
        assertThat(VoiceLocale.of("zh-Hant-TW")).isEqualTo(VoiceLocale.ZH_TW);
        assertThat(VoiceLocale.of("zh_HK")).isEqualTo(VoiceLocale.ZH_HK);
        assertThat(VoiceLocale.of("zh-MO")).isEqualTo(VoiceLocale.ZH_HK);
        assertThat(VoiceLocale.of("zh")).isEqualTo(VoiceLocale.ZH_CN);
        assertThat(VoiceLocale.of("zh-Hant")).isEqualTo(VoiceLocale.ZH_TW);
        assertThat(VoiceLocale.of("yue-HK")).isEqualTo(VoiceLocale.ZH_HK);
        assertThat(VoiceLocale.of("fr-FR")).isEqualTo(VoiceLocale.EN_US);
    }
}
