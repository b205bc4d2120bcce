package io.tixing.template;

import io.tixing.policy.ChannelType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What arrives in the data is linted too: injected phrases block the message, markup and line breaks are defused. */
class RenderTimeLintTest {

    static final TemplateCatalog catalog = CatalogFixture.shipped();

    static MessageData mainland(String name, String creditor, String product) {
        return new MessageData(name, creditor, product, new BigDecimal("1234.50"), "CNY", LocalDate.of(2026, 11, 20), 3, "95555", "L-77");
    }

    static RenderResult render(String key, ChannelType channel, String locale, MessageData data) {
        return catalog.render(new RenderRequest(key, channel, locale, null, Set.of(), data));
    }

    @Test
    void aBannedPhraseArrivingInAVariableBlocksTheMessage() {
        RenderResult result = render("overdue-reminder", ChannelType.SMS, "zh-CN", mainland("王小明", "示例银行", "个人消费贷，请加我微信私下处理"));

        assertThat(result).isInstanceOfSatisfying(RenderResult.Blocked.class, blocked -> {
            assertThat(blocked.templateKey()).isEqualTo("overdue-reminder");
            assertThat(blocked.templateVersion()).hasSize(16);
            assertThat(blocked.findings()).extracting(LintFinding::phrase).contains("加我微信", "私下处理");
            assertThat(blocked.findings()).allSatisfy(f -> assertThat(f.file()).isNull());
        });
    }

    @Test
    void theTraditionalFormOfABannedPhraseInAVariableIsCaught() {
        MessageData data = new MessageData("林美玲", "示範銀行", "信用貸款（否則通知單位）", new BigDecimal("12345"), "TWD",
                LocalDate.of(2026, 11, 20), 3, "0800-000-123", "L-78");

        RenderResult result = render("overdue-reminder", ChannelType.SMS, "zh-TW", data);

        assertThat(result).isInstanceOfSatisfying(RenderResult.Blocked.class,
                blocked -> assertThat(blocked.findings()).extracting(LintFinding::phrase).contains("通知单位"));
    }

    @Test
    void anEnglishBannedPhraseInAVariableBlocksAnEnglishMessageWhateverItsCase() {
        MessageData data = new MessageData("John Smith", "Example Bank", "Loan - or we call the POLICE", new BigDecimal("10"), "USD",
                LocalDate.of(2026, 11, 20), 3, "1-800-555-0100", "L-80");

        assertThat(render("overdue-reminder", ChannelType.SMS, "en-US", data)).isInstanceOf(RenderResult.Blocked.class);
    }

    @Test
    void htmlInjectedThroughAVariableIsEscapedInTheHtmlPartOfTheEmail() {
        RenderResult result = render("overdue-reminder", ChannelType.EMAIL, "zh-CN",
                mainland("<b>王</b>小明", "示例银行", "<img src=x onerror=alert(1)>贷款"));

        assertThat(result).isInstanceOfSatisfying(RenderResult.Rendered.class, r -> {
            assertThat(r.message().html()).contains("&lt;img src=x onerror=alert(1)&gt;贷款").doesNotContain("<img")
                    .doesNotContain("<b>");
            assertThat(r.message().text()).contains("<img src=x onerror=alert(1)>贷款"); // the plain-text part is not HTML
        });
    }

    @Test
    void lineBreaksInAVariableAreStrippedFromTheSubjectSoNoHeaderCanBeInjected() {
        RenderResult result = render("overdue-reminder", ChannelType.EMAIL, "zh-CN",
                mainland("王小明", "示例银行\r\nBcc: everyone@example.com", "个人消费贷"));

        assertThat(result).isInstanceOfSatisfying(RenderResult.Rendered.class, r -> {
            assertThat(r.message().subject()).doesNotContain("\r").doesNotContain("\n").contains("示例银行");
        });
        assertThat(MessageRenderer.oneLine("还款提醒\r\nBcc: x@example.com\u2028")).isEqualTo("还款提醒 Bcc: x@example.com");
    }

    @Test
    void aMissingRequiredValueBlocksTheMessageInsteadOfSendingItWithAGap() {
        MessageData noHotline = new MessageData("王小明", "示例银行", "个人消费贷", new BigDecimal("1"), "CNY",
                LocalDate.of(2026, 11, 20), 3, null, "L-77");

        assertThat(render("overdue-reminder", ChannelType.SMS, "zh-CN", noHotline)).isInstanceOfSatisfying(RenderResult.Blocked.class,
                b -> assertThat(b.findings()).extracting(LintFinding::rule).contains("REQUIRED_VARIABLE_MISSING", "REQUIRED_ELEMENT"));
    }

    @Test
    void theContentHashCoversSubjectTextAndHtmlAsSent() {
        RenderedMessage m = ((RenderResult.Rendered) render("overdue-reminder", ChannelType.EMAIL, "zh-CN",
                mainland("王小明", "示例银行", "个人消费贷"))).message();

        assertThat(m.contentHash()).isEqualTo(Hashing.sha256Hex(m.subject() + "\n" + m.text() + "\n" + m.html()));
        RenderedMessage sms = ((RenderResult.Rendered) render("overdue-reminder", ChannelType.SMS, "zh-CN",
                mainland("王小明", "示例银行", "个人消费贷"))).message();
        assertThat(sms.contentHash()).isEqualTo(Hashing.sha256Hex("\n" + sms.text() + "\n"));
    }

    @Test
    void aUsPackBorrowerReadingTraditionalChineseGetsACompliantEmailWithItsOwnOptOutLine() {
        MessageData data = new MessageData("林美玲", "Example Bank", "Personal Loan", new BigDecimal("1234.50"), "USD",
                LocalDate.of(2026, 11, 20), 3, "1-800-555-0100", "L-80");

        RenderResult result = catalog.render(new RenderRequest("overdue-reminder", ChannelType.EMAIL, "zh-TW", "US", Set.of(), data));

        assertThat(result).isInstanceOfSatisfying(RenderResult.Rendered.class,
                r -> assertThat(r.message().text()).contains("$1,234.50").contains("辦理取消"));
    }

    @Test
    void aMainlandPackSmsMustStartWithTheSignatureWhateverTheTemplateLocale() {
        RenderResult result = catalog.render(new RenderRequest("overdue-reminder", ChannelType.SMS, "zh-TW", "CN", Set.of(),
                CatalogFixture.borrowerOf("zh-TW", 3)));

        assertThat(result).isInstanceOfSatisfying(RenderResult.Blocked.class,
                b -> assertThat(b.findings()).extracting(LintFinding::message).anySatisfy(m -> assertThat(m).contains("signature")));
    }
}
