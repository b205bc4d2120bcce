package io.tixing.channel.sms;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.tixing.channel.OutboundMessage;
import io.tixing.channel.ProviderLookup;
import io.tixing.channel.SendResult;
import io.tixing.channel.sms.aliyun.AliyunSmsProvider;
import io.tixing.channel.sms.aliyun.FakeAliyun;
import io.tixing.channel.twilio.FakeTwilio;
import io.tixing.channel.twilio.Fixtures;
import io.tixing.channel.twilio.TwilioClients;
import io.tixing.channel.twilio.TwilioSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RoutedSmsChannelTest {

    static final String TEXT = "【示例银行】尊敬的王**，您的贷款应还款¥1,234.50已逾期3天。回复TD退订";
    static final Map<String, String> VALUES = Map.of("name", "王**", "amount", "¥1,234.50", "daysOverdue", "3");

    final FakeAliyun aliyun = new FakeAliyun();
    final FakeTwilio twilio = new FakeTwilio();
    final Clock clock = Clock.fixed(Instant.parse("2026-12-01T03:00:00Z"), ZoneOffset.UTC);

    @AfterEach
    void stop() {
        aliyun.close();
        twilio.close();
    }

    RoutedSmsChannel channel(Duration aliyunReadTimeout) {
        twilio.keepsMessages();
        var aliyunSettings = new io.tixing.channel.sms.aliyun.AliyunSettings("LTAI-test", "secret", aliyun.endpoint(), "HTTP", "cn-hangzhou",
                "示例银行", Duration.ofSeconds(2), aliyunReadTimeout, Map.of("overdue-reminder/zh-CN",
                new io.tixing.channel.sms.aliyun.AliyunSettings.TemplateCode("SMS_465000001", Map.of("name", "name", "amount", "amount"))));
        TwilioSettings ts = twilio.settings("MG11111111111111111111111111111111", null, Duration.ofSeconds(2));
        List<SmsProvider> providers = List.of(new AliyunSmsProvider(aliyunSettings, Fixtures.backoff()),
                new TwilioSmsChannel(TwilioClients.create(ts), ts, Fixtures.backoff()));
        return new RoutedSmsChannel(providers, SmsRoutes.parse("+86=aliyun,twilio; *=twilio", Set.of("aliyun", "twilio"), Set.of("aliyun", "twilio")),
                new RoutedSmsChannel.CircuitSettings(4, 0.5, Duration.ofMinutes(10)), clock, null);
    }

    static OutboundMessage to(String number) { return Fixtures.sms(UUID.randomUUID(), number, TEXT, VALUES); }

    @Test
    void a_mainland_number_goes_by_alibaba_cloud_and_a_hong_kong_number_by_twilio() {
        var channel = channel(Duration.ofSeconds(2));
        SendResult mainland = channel.send(to("+8613800138000"), at -> null);
        SendResult hongKong = channel.send(to("+85291234567"), at -> null);

        assertThat(mainland.provider()).isEqualTo("aliyun");
        assertThat(mainland.failover()).isNull();
        assertThat(hongKong.provider()).isEqualTo("twilio");
        assertThat(aliyun.sent()).extracting(FakeAliyun.Sent::phone).containsExactly("13800138000");
        assertThat(twilio.messages.created()).extracting(TwilioMessageStoreView::to).containsExactly("+85291234567");
    }

    @Test
    void alibaba_cloud_answering_503_fails_over_to_twilio_once_the_policy_still_allows_it_and_says_so() {
        var channel = channel(Duration.ofSeconds(2));
        aliyun.refusesWith(503, "ServiceUnavailable");
        List<Instant> asked = new ArrayList<>();
        OutboundMessage m = to("+8613800138000");

        SendResult result = channel.send(m, at -> {
            asked.add(at);
            return null;
        });

        assertThat(asked).containsExactly(clock.instant());
        assertThat(result).isInstanceOf(SendResult.Accepted.class);
        assertThat(result.provider()).isEqualTo("twilio");
        assertThat(result.failover()).contains("aliyun answered ServiceUnavailable").contains("failed over to twilio");
        assertThat(twilio.messages.created()).singleElement().satisfies(c -> {
            assertThat(c.to()).isEqualTo("+8613800138000");
            assertThat(c.statusCallback()).endsWith("attemptId=" + m.attemptId());
        });
    }

    @Test
    void a_failover_the_policy_now_forbids_is_not_sent_and_says_why() {
        var channel = channel(Duration.ofSeconds(2));
        aliyun.refusesWith(503, "ServiceUnavailable");

        SendResult result = channel.send(to("+8613800138000"), at -> "QUIET_HOURS");

        assertThat(result).isInstanceOfSatisfying(SendResult.RetryLater.class, r -> {
            assertThat(r.errorCode()).isEqualTo("QUIET_HOURS");
            assertThat(r.detail()).contains("failover to twilio blocked by policy: QUIET_HOURS");
        });
        assertThat(twilio.messages.created()).isEmpty();
    }

    @Test
    void a_provider_that_may_have_received_the_message_is_never_failed_over() {
        var channel = channel(Duration.ofMillis(700));
        aliyun.answersLate(Duration.ofSeconds(2));

        SendResult result = channel.send(to("+8613800138000"), at -> null);

        assertThat(result).isInstanceOf(SendResult.Unknown.class);
        assertThat(result.provider()).isEqualTo("aliyun");
        assertThat(twilio.messages.created()).isEmpty();
        assertThat(aliyun.sent()).hasSize(1);
    }

    @Test
    void after_repeated_outages_the_circuit_opens_and_mainland_messages_go_straight_to_twilio() {
        var channel = channel(Duration.ofSeconds(2));
        aliyun.refusesWith(503, "ServiceUnavailable");
        for (int i = 0; i < 4; i++) channel.send(to("+8613800138000"), at -> null);
        assertThat(channel.circuits()).containsEntry("aliyun", CircuitBreakerState.OPEN).containsEntry("twilio", CircuitBreakerState.CLOSED);
        int callsWhileDown = aliyun.server.getAllServeEvents().size();

        aliyun.healthy();
        SendResult result = channel.send(to("+8613800138001"), at -> null);

        assertThat(aliyun.server.getAllServeEvents()).hasSize(callsWhileDown); // not even asked
        assertThat(result.provider()).isEqualTo("twilio");
        assertThat(result.failover()).contains("CIRCUIT_OPEN");
        assertThat(twilio.messages.created()).hasSize(5);
    }

    @Test
    void after_a_failover_the_lookup_finds_the_attempt_at_the_secondary() {
        var channel = channel(Duration.ofSeconds(2));
        aliyun.refusesWith(503, "ServiceUnavailable");
        OutboundMessage m = to("+8613800138000");
        Instant sentAt = Instant.now();
        channel.send(m, at -> null);
        aliyun.healthy();

        assertThat(channel.lookup(m.attemptId(), m.destination(), sentAt)).isInstanceOfSatisfying(ProviderLookup.Found.class,
                f -> assertThat(f.providerId()).isEqualTo(twilio.messages.created().getFirst().sid()));
        assertThat(channel.lookup(UUID.randomUUID(), "+8613900000000", sentAt)).isInstanceOf(ProviderLookup.NotFound.class);
        aliyun.queriesFail();
        assertThat(channel.lookup(UUID.randomUUID(), "+8613900000000", sentAt)).isInstanceOf(ProviderLookup.Unknown.class);
    }

    /** Reads a created Twilio message's To. */
    interface TwilioMessageStoreView {
        static String to(io.tixing.channel.twilio.TwilioMessageStore.Created c) { return c.to(); }
    }
}
