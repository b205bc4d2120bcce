package io.tixing.template;

import io.tixing.policy.ChannelType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** First milestone: the API example's template renders by SMS in every locale with that locale's own formats. */
class OverdueReminderSmsTest {

    static TemplateCatalog catalog;

    @BeforeAll
    static void loadShippedCatalog() {
        catalog = TemplateCatalog.load(Path.of("templates"));
    }

    static RenderedMessage sms(String locale, String pack, MessageData data) {
        RenderResult result = catalog.render(new RenderRequest("overdue-reminder", ChannelType.SMS, locale, pack, Set.of(), data));
        assertThat(result).isInstanceOf(RenderResult.Rendered.class);
        return ((RenderResult.Rendered) result).message();
    }

    static MessageData loan(String name, String creditor, String amount, String currency, String hotline) {
        return new MessageData(name, creditor, "个人消费贷", new BigDecimal(amount), currency, LocalDate.of(2026, 11, 20), 3, hotline, "L-77");
    }

    @Test
    void mainlandSmsStartsWithTheCreditorSignatureAndShowsYuanChineseDateAndTdOptOut() {
        RenderedMessage m = sms("zh-CN", "CN", loan("王小明", "示例银行", "1234.50", "CNY", "95555"));
        assertThat(m.text()).startsWith("【示例银行】")
                .contains("王**").doesNotContain("王小明")
                .contains("¥1,234.50").contains("2026年11月20日").contains("逾期3天")
                .contains("95555").endsWith("回复TD退订");
        assertThat(m.locale()).isEqualTo("zh-CN");
        assertThat(m.localeFallback()).isFalse();
        assertThat(m.smsEncoding()).isEqualTo("UCS-2");
        assertThat(m.segments()).isEqualTo(SmsSegments.of(m.text()).segments()).isBetween(1, 3);
        assertThat(m.templateVersion()).hasSize(16);
        assertThat(m.contentHash()).hasSize(64);
    }

    @Test
    void taiwanSmsShowsTheBrandWholeNewTaiwanDollarsAndTaiwanWording() {
        RenderedMessage m = sms("zh-TW", "TW", loan("林美玲", "示範銀行", "12345.50", "TWD", "0800-000-123"));
        assertThat(m.text()).contains("示範銀行").contains("NT$12,346").contains("2026年11月20日")
                .contains("繳款").contains("0800-000-123").endsWith("回覆TD取消")
                .contains("林**");
        assertThat(m.locale()).isEqualTo("zh-TW");
    }

    @Test
    void hongKongSmsShowsHongKongDollarsAndHongKongWording() {
        RenderedMessage m = sms("zh-HK", "HK", loan("陳大文", "示範銀行", "1234.5", "HKD", "2123 4567"));
        assertThat(m.text()).contains("示範銀行").contains("HK$1,234.50").contains("2026年11月20日")
                .contains("逾期3日").contains("閣下").contains("2123 4567").endsWith("回覆TD取消");
        assertThat(m.locale()).isEqualTo("zh-HK");
    }

    @Test
    void usSmsShowsDollarsUsDateMaskedNameAndReplyStop() {
        MessageData data = new MessageData("John Smith", "Example Bank", "Personal Loan", new BigDecimal("1234.50"), "USD",
                LocalDate.of(2026, 11, 20), 3, "1-800-555-0100", "L-80");
        RenderedMessage m = sms("en-US", "US", data);
        assertThat(m.text()).startsWith("Example Bank:").contains("J*** S****").doesNotContain("John")
                .contains("$1,234.50").contains("Nov 20, 2026").contains("3 days past due")
                .contains("1-800-555-0100").endsWith("Reply STOP to opt out.");
        assertThat(m.smsEncoding()).isEqualTo("GSM-7");
    }
}
