package io.tixing.channel.sms.aliyun;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tixing.channel.OutboundMessage;
import io.tixing.channel.ProviderLookup;
import io.tixing.channel.SendResult;
import io.tixing.channel.SendResult.Failure;
import io.tixing.channel.twilio.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AliyunSmsProviderTest {

    static final String TEXT = "【示例银行】尊敬的王**，您的贷款应还款¥1,234.50已于2026年11月20日到期，目前逾期3天。回复TD退订";
    static final Map<String, String> VALUES = Map.of("name", "王**", "amount", "¥1,234.50", "dueDate", "2026年11月20日",
            "daysOverdue", "3", "hotline", "95555", "creditor", "示例银行");

    final FakeAliyun aliyun = new FakeAliyun();

    @AfterEach
    void stop() { aliyun.close(); }

    static AliyunSettings settings(FakeAliyun fake, Duration readTimeout) {
        return new AliyunSettings("LTAI-test", "test-secret", fake.endpoint(), "HTTP", "cn-hangzhou", "示例银行",
                Duration.ofSeconds(2), readTimeout, Map.of("overdue-reminder/zh-CN",
                new AliyunSettings.TemplateCode("SMS_465000001", Map.of("name", "name", "amount", "amount", "days", "daysOverdue"))));
    }

    AliyunSmsProvider provider() { return new AliyunSmsProvider(settings(aliyun, Duration.ofSeconds(2)), Fixtures.backoff()); }

    static OutboundMessage message(UUID attempt) { return Fixtures.sms(attempt, "+8613800138000", TEXT, VALUES); }

    @Test
    void a_mainland_sms_goes_with_the_sign_name_the_approved_template_code_its_values_and_the_attempt_id_as_out_id() throws Exception {
        SendResult result = provider().attempt(message(Fixtures.ATTEMPT)).result();

        assertThat(result).isInstanceOfSatisfying(SendResult.Accepted.class, a -> assertThat(a.providerId()).startsWith("aliyun:").endsWith("^0"));
        assertThat(aliyun.sent()).singleElement().satisfies(s -> {
            assertThat(s.phone()).isEqualTo("13800138000");
            assertThat(s.signName()).isEqualTo("示例银行");
            assertThat(s.templateCode()).isEqualTo("SMS_465000001");
            assertThat(s.outId()).isEqualTo(Fixtures.ATTEMPT.toString());
        });
        assertThat(new ObjectMapper().readValue(aliyun.sent().getFirst().templateParam(), Map.class))
                .isEqualTo(Map.of("name", "王**", "amount", "¥1,234.50", "days", "3"));
    }

    @Test
    void an_illegal_mobile_number_marks_the_contact_point_invalid() {
        aliyun.refusesWith(200, "isv.MOBILE_NUMBER_ILLEGAL");
        var answer = provider().attempt(message(UUID.randomUUID()));
        assertThat(answer.result()).isInstanceOfSatisfying(SendResult.Rejected.class, r -> {
            assertThat(r.failure()).isEqualTo(Failure.INVALID_CONTACT_POINT);
            assertThat(r.errorCode()).isEqualTo("isv.MOBILE_NUMBER_ILLEGAL");
        });
        assertThat(answer.tryAnother()).isFalse();
    }

    @Test
    void per_number_flow_control_and_throttling_are_retried_later_without_failing_over() {
        aliyun.refusesWith(200, "isv.BUSINESS_LIMIT_CONTROL");
        var limited = provider().attempt(message(UUID.randomUUID()));
        aliyun.refusesWith(400, "Throttling.User");
        var throttled = provider().attempt(message(UUID.randomUUID()));
        for (var answer : java.util.List.of(limited, throttled)) {
            assertThat(answer.result()).isInstanceOf(SendResult.RetryLater.class);
            assertThat(answer.tryAnother()).isFalse();
            assertThat(answer.providerFault()).isFalse();
        }
    }

    @Test
    void a_blocked_keyword_is_a_permanent_rejection() {
        aliyun.refusesWith(200, "isv.BLACK_KEY_CONTROL_LIMIT");
        var answer = provider().attempt(message(UUID.randomUUID()));
        assertThat(answer.result()).isInstanceOfSatisfying(SendResult.Rejected.class, r -> assertThat(r.failure()).isEqualTo(Failure.PERMANENT));
        assertThat(answer.tryAnother()).isFalse();
    }

    @Test
    void a_5xx_or_a_refused_connection_is_an_outage_another_provider_may_cover() {
        aliyun.refusesWith(503, "ServiceUnavailable");
        var down = provider().attempt(message(UUID.randomUUID()));
        assertThat(down.result()).isInstanceOf(SendResult.RetryLater.class);
        assertThat(down.tryAnother()).isTrue();
        assertThat(down.providerFault()).isTrue();

        AliyunSmsProvider unreachable = provider();
        aliyun.close();
        var refused = unreachable.attempt(message(UUID.randomUUID()));
        assertThat(refused.result()).isInstanceOfSatisfying(SendResult.RetryLater.class, r -> assertThat(r.errorCode()).isEqualTo("CONNECTION"));
        assertThat(refused.tryAnother()).isTrue();
    }

    @Test
    void a_late_answer_is_unknown_never_failed_over_and_the_lookup_then_finds_it_by_out_id() {
        aliyun.answersLate(Duration.ofSeconds(3));
        UUID attempt = UUID.randomUUID();
        Instant sentAt = Instant.now();
        var provider = new AliyunSmsProvider(settings(aliyun, Duration.ofMillis(800)), Fixtures.backoff());

        var answer = provider.attempt(message(attempt));

        assertThat(answer.result()).isInstanceOf(SendResult.Unknown.class);
        assertThat(answer.tryAnother()).isFalse();
        aliyun.healthy();
        assertThat(provider.lookup(attempt, "+8613800138000", sentAt)).isInstanceOfSatisfying(ProviderLookup.Found.class,
                f -> assertThat(f.providerId()).isEqualTo("aliyun:out-" + attempt));
    }

    @Test
    void the_lookup_says_not_found_only_when_the_provider_answered_and_unknown_when_it_could_not() {
        provider().attempt(message(UUID.randomUUID())); // another attempt to the same number
        UUID never = UUID.randomUUID();
        assertThat(provider().lookup(never, "+8613800138000", Instant.now())).isInstanceOf(ProviderLookup.NotFound.class);
        aliyun.queriesFail();
        assertThat(provider().lookup(never, "+8613800138000", Instant.now())).isInstanceOf(ProviderLookup.Unknown.class);
    }

    @Test
    void the_receipt_is_read_from_query_send_details() {
        UUID attempt = UUID.randomUUID();
        provider().attempt(message(attempt));
        assertThat(provider().detail(attempt, "+8613800138000", Instant.now())).get().extracting(AliyunSmsProvider.Detail::status).isEqualTo("sent");
        aliyun.receipt(attempt.toString(), true);
        assertThat(provider().detail(attempt, "+8613800138000", Instant.now())).get().extracting(AliyunSmsProvider.Detail::status).isEqualTo("delivered");
        aliyun.receipt(attempt.toString(), false);
        assertThat(provider().detail(attempt, "+8613800138000", Instant.now())).get()
                .satisfies(d -> assertThat(d.status()).isEqualTo("undelivered"))
                .satisfies(d -> assertThat(d.errorCode()).isEqualTo("MOBILE_NOT_ON_SERVICE"));
    }

    @Test
    void a_template_without_an_approved_code_for_its_locale_may_go_by_another_provider() {
        var r = Fixtures.sms(UUID.randomUUID(), "+8613800138000", TEXT, VALUES);
        var other = new io.tixing.template.RenderedMessage("due-today", "v1", r.channel(), "zh-CN", "zh-CN", false, TEXT, null, null,
                "UCS-2", 1, java.util.List.of(), "hash", VALUES);
        var answer = provider().attempt(new OutboundMessage(r.attemptId(), r.reminderId(), r.borrowerId(), r.channel(), r.destination(),
                r.locale(), r.maskedName(), other, null));
        assertThat(answer.result()).isInstanceOfSatisfying(SendResult.Rejected.class, x -> assertThat(x.errorCode()).isEqualTo("NO_TEMPLATE_CODE"));
        assertThat(answer.tryAnother()).isTrue();
        assertThat(aliyun.sent()).isEmpty();
    }

    @Test
    void start_up_refuses_a_mapping_whose_parameter_the_template_does_not_provide() throws Exception {
        Path catalog = Files.createTempDirectory("catalog");
        Files.createDirectories(catalog.resolve("overdue-reminder"));
        Files.writeString(catalog.resolve("overdue-reminder/sms.zh-CN.ftl"), "【${creditor}】尊敬的${name}，应还${amount}。回复TD退订");
        var good = new AliyunSettings.TemplateCode("SMS_1", Map.of("name", "name", "amount", "amount"));
        var bad = new AliyunSettings.TemplateCode("SMS_1", Map.of("name", "name", "hotline", "hotline"));

        assertThat(AliyunTemplates.validated(Map.of("overdue-reminder", Map.of("zh-CN", good)), catalog)).containsKey("overdue-reminder/zh-CN");
        assertThatThrownBy(() -> AliyunTemplates.validated(Map.of("overdue-reminder", Map.of("zh-CN", bad)), catalog))
                .hasMessageContaining("tixing.aliyun-sms.templates.overdue-reminder.zh-CN.params.hotline=hotline")
                .hasMessageContaining("does not provide hotline");
        assertThatThrownBy(() -> AliyunTemplates.validated(Map.of("overdue-reminder", Map.of("en-US", good)), catalog))
                .hasMessageContaining("has no SMS text for en-US");
    }

    @Test
    void the_shipped_catalog_provides_every_parameter_of_the_documented_example_mapping() {
        var example = new AliyunSettings.TemplateCode("SMS_465000001", Map.of("creditor", "creditor", "name", "name", "product", "product",
                "amount", "amount", "dueDate", "dueDate", "days", "daysOverdue", "hotline", "hotline"));
        assertThat(AliyunTemplates.validated(Map.of("overdue-reminder", Map.of("zh-CN", example)), Path.of("templates"))).hasSize(1);
    }
}
