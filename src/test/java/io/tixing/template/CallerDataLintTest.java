package io.tixing.template;

import io.tixing.policy.ChannelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** COMPLIANCE.md "Lint sees what the borrower sees": caller data is normalised, matched, and a hit names its field. */
class CallerDataLintTest {

    static final TemplateCatalog catalog = CatalogFixture.shipped();
    static final BannedPhrases lists = BannedPhrases.load(CatalogFixture.SHIPPED);

    static MessageData mainland(String name, String creditor, String product) {
        return new MessageData(name, creditor, product, new BigDecimal("1234.50"), "CNY", LocalDate.of(2026, 11, 20), 3, "95555", "L-77");
    }

    static MessageData american(String creditor, String product) {
        return new MessageData("John Smith", creditor, product, new BigDecimal("10"), "USD", LocalDate.of(2026, 11, 20), 3, "1-800-555-0100", "L-80");
    }

    static RenderResult sms(String locale, MessageData data) {
        return catalog.render(new RenderRequest("overdue-reminder", ChannelType.SMS, locale, null, Set.of(), data));
    }

    static List<String> phrasesIn(String text) {
        return lists.scan(text, null, null).stream().map(LintFinding::phrase).toList();
    }

    @Test
    void a_zero_width_space_inside_a_banned_phrase_in_caller_data_is_still_blocked() {
        RenderResult result = sms("zh-CN", mainland("王小明", "示例银行", "个人消费贷，不还就曝\u200b光"));

        assertThat(result).isInstanceOfSatisfying(RenderResult.Blocked.class, b -> {
            assertThat(b.findings()).anySatisfy(f -> {
                assertThat(f.phrase()).isEqualTo("曝光");
                assertThat(f.field()).isEqualTo("loan.product");
                assertThat(f.category()).isEqualTo("public-shaming");
            });
            assertThat(b.describe()).startsWith("loan.product: public-shaming 曝光");
        });
    }

    @Test
    void a_zero_width_joiner_a_soft_hyphen_or_bidi_controls_do_not_hide_a_phrase() {
        assertThat(phrasesIn("通\u200d讯录")).contains("通讯录");
        assertThat(phrasesIn("通\u200c讯\u00ad录")).contains("通讯录");
        assertThat(phrasesIn("PO\u00ADLICE")).contains("police");
        assertThat(phrasesIn("\u202e黑\u2066名\u2069单")).contains("黑名单");
        assertThat(phrasesIn("\ufeff朋友圈")).contains("朋友圈");
    }

    @Test
    void full_width_police_in_the_creditor_field_blocks_naming_the_field() {
        RenderResult result = sms("en-US", american("ＰＯＬＩＣＥ Dept", "Personal Loan"));

        assertThat(result).isInstanceOfSatisfying(RenderResult.Blocked.class,
                b -> assertThat(b.describe()).contains("loan.creditor: impersonating-officials police"));
    }

    @Test
    void a_threat_of_suit_in_the_creditor_field_is_content_blocked() {
        RenderResult result = sms("zh-CN", mainland("王小明", "不还就起诉你", "个人消费贷"));

        assertThat(result).isInstanceOfSatisfying(RenderResult.Blocked.class,
                b -> assertThat(b.describe()).isEqualTo("loan.creditor: threat-of-legal-action 起诉你"));
    }

    @Test
    void a_banned_phrase_in_the_borrower_name_blocks_although_the_template_shows_the_name_masked() {
        RenderResult result = sms("zh-CN", mainland("老赖骗子", "示例银行", "个人消费贷"));

        assertThat(result).isInstanceOfSatisfying(RenderResult.Blocked.class,
                b -> assertThat(b.describe()).contains("borrower.name: insult 老赖", "borrower.name: insult 骗子"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"起诉你", "起訴你", "告你", "法院见", "法院見", "等着收传票", "等著收傳票", "让你坐牢", "讓你坐牢",
            "抓你", "拘留", "上门", "找你家人"})
    void threats_of_legal_action_are_hard_blocks_in_both_scripts(String phrase) {
        List<LintFinding> findings = lists.scan("再不还钱" + phrase + "！", null, null);

        assertThat(findings).isNotEmpty().allSatisfy(f -> assertThat(f.severity()).isEqualTo(LintFinding.Severity.BLOCK));
    }

    @Test
    void threats_of_suit_have_their_own_category_in_every_list() {
        assertThat(lists.scan("法院見", null, null)).extracting(LintFinding::category).contains("threat-of-legal-action");
        assertThat(lists.scan("不还就起诉你", null, null)).extracting(LintFinding::category).containsOnly("threat-of-legal-action");
        assertThat(lists.scan("We will sue you.", null, null)).extracting(LintFinding::category).containsOnly("threat-of-legal-action");
        assertThat(phrasesIn("Pay or we'll SEE YOU IN COURT")).contains("see you in court");
        assertThat(phrasesIn("Ｗｅ ｗｉｌｌ ｓｕｅ ｙｏｕ")).contains("we will sue", "will sue you");
    }

    @Test
    void real_names_are_not_threats_in_the_name_or_in_the_creditor() {
        RenderResult jailene = sms("en-US", new MessageData("Jailene Sue Young", "Sue Young Credit Union", "Personal Loan",
                new BigDecimal("10"), "USD", LocalDate.of(2026, 11, 20), 3, "1-800-555-0100", "L-80"));

        assertThat(jailene).isInstanceOf(RenderResult.Rendered.class);
        assertThat(sms("en-US", new MessageData("Jail Smith", "Example Bank", "Personal Loan", new BigDecimal("10"), "USD",
                LocalDate.of(2026, 11, 20), 3, "1-800-555-0100", "L-80"))).isInstanceOfSatisfying(RenderResult.Blocked.class,
                b -> assertThat(b.describe()).contains("borrower.name: criminal-threat jail"));
    }

    @Test
    void lawful_wording_and_common_words_are_not_threats() {
        assertThat(phrasesIn("逾期将依合同约定计收罚息并可能影响征信")).isEmpty();
        assertThat(phrasesIn("我们想告诉你一个好消息")).isEmpty();
        assertThat(phrasesIn("We will issue you a new statement")).isEmpty();
        assertThat(phrasesIn("We can pursue your request for a payment plan")).isEmpty();
        assertThat(phrasesIn("溫馨提醒，逾期將依合約計收違約金")).isEmpty();
    }

    @Test
    void a_preview_with_a_threat_in_the_creditor_lists_the_field_and_the_category() {
        Preview preview = catalog.preview("overdue-reminder", "zh-CN", ChannelType.SMS, mainland("王小明", "起訴你銀行", "个人消费贷"), "CN");

        assertThat(preview.findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(LintFinding.Severity.BLOCK);
            assertThat(f.field()).isEqualTo("loan.creditor");
            assertThat(f.category()).isEqualTo("threat-of-legal-action");
        });
    }
}
