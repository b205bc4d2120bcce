package io.tixing.template;

import io.tixing.policy.BorrowerFlag;
import io.tixing.policy.ChannelType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 11 point 9: words a borrower (or a guarantor) would notice are wrong. */
class LesserWordingTest {

    static final TemplateCatalog catalog = CatalogFixture.shipped();

    static MessageData taiwan(int daysOverdue, boolean toGuarantor) {
        return new MessageData("林美玲", "示範銀行", "信用貸款", new BigDecimal("12345"), "TWD", LocalDate.of(2026, 11, 20),
                daysOverdue, "0800-000-123", "L-78", toGuarantor);
    }

    @TestFactory
    List<DynamicTest> en_us_text_has_no_double_space_when_there_is_no_product() {
        MessageData noProduct = new MessageData("John Smith", "Example Bank", null, new BigDecimal("10"), "USD",
                LocalDate.of(2026, 11, 20), 3, "1-800-555-0100", "L-80");
        List<DynamicTest> tests = new ArrayList<>();
        for (TemplateInfo info : catalog.entries()) {
            for (ChannelType channel : info.channels()) {
                tests.add(DynamicTest.dynamicTest(info.key() + " " + channel, () -> {
                    Preview p = catalog.preview(info.key(), "en-US", channel, noProduct, "US");
                    for (String part : new String[] {p.text(), p.subject(), p.html()}) {
                        if (part == null) continue;
                        assertThat(part).doesNotContain("  ").doesNotContainPattern("your (by|payment of \\$)?\\s*[.,]")
                                .doesNotContain("your by");
                    }
                }));
            }
        }
        return tests;
    }

    @Test
    void jpy_is_shown_without_decimals_and_every_currency_with_its_own_fraction_digits() {
        assertThat(MessageFormatting.money(new BigDecimal("1234.50"), "JPY")).isEqualTo("JP¥1,235");
        assertThat(MessageFormatting.money(new BigDecimal("50000"), "KRW")).isEqualTo("KRW 50,000");
        assertThat(MessageFormatting.money(new BigDecimal("12.5"), "BHD")).isEqualTo("BHD 12.500");
        assertThat(MessageFormatting.money(new BigDecimal("12"), "EUR")).isEqualTo("EUR 12.00");
        // the documented formats stay as they were
        assertThat(MessageFormatting.money(new BigDecimal("1234.5"), "CNY")).isEqualTo("¥1,234.50");
        assertThat(MessageFormatting.money(new BigDecimal("12345.6"), "TWD")).isEqualTo("NT$12,346");
        assertThat(MessageFormatting.money(new BigDecimal("1234.5"), "HKD")).isEqualTo("HK$1,234.50");
        assertThat(MessageFormatting.money(new BigDecimal("1234.5"), "USD")).isEqualTo("$1,234.50");
    }

    @Test
    void a_tw_guarantor_gets_guarantor_wording_about_the_borrowers_debt() {
        RenderResult result = catalog.render(new RenderRequest(null, ChannelType.SMS, "zh-TW", "TW", Set.of(), taiwan(3, true)));

        assertThat(result).isInstanceOfSatisfying(RenderResult.Rendered.class, r -> {
            assertThat(r.message().templateKey()).isEqualTo("guarantor-reminder");
            assertThat(r.message().text()).contains("您為借款人林**於示範銀行之信用貸款保證人", "NT$12,345", "已逾期3天", "0800-000-123",
                    "回覆TD取消").doesNotContain("您的信用貸款");
        });
        RenderResult toBorrower = catalog.render(new RenderRequest(null, ChannelType.SMS, "zh-TW", "TW", Set.of(), taiwan(3, false)));
        assertThat(((RenderResult.Rendered) toBorrower).message().text()).doesNotContain("保證人");
    }

    @Test
    void a_guarantor_before_the_due_date_is_told_the_days_until_due_and_an_elderly_borrowers_variant_is_not_used() {
        RenderResult result = catalog.render(new RenderRequest(null, ChannelType.SMS, "zh-TW", "TW", Set.of(BorrowerFlag.ELDERLY),
                taiwan(-3, true)));

        assertThat(result).isInstanceOfSatisfying(RenderResult.Rendered.class, r -> {
            assertThat(r.message().templateKey()).isEqualTo("guarantor-reminder");
            assertThat(r.message().text()).contains("繳款截止日為2026年11月20日（尚有3天）");
        });
    }

    @Test
    void a_guarantor_on_a_channel_without_guarantor_wording_gets_no_message_rather_than_the_borrowers() {
        RenderResult result = catalog.render(new RenderRequest("overdue-reminder", ChannelType.EMAIL, "zh-TW", "TW", Set.of(), taiwan(3, true)));

        assertThat(result).isInstanceOf(RenderResult.Missing.class);
    }
}
