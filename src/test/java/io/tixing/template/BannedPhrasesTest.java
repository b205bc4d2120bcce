package io.tixing.template;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped lists, matched across scripts and letter case, without flagging innocent words. */
class BannedPhrasesTest {

    static final BannedPhrases lists = BannedPhrases.load(CatalogFixture.SHIPPED);

    static List<String> phrasesIn(String text) {
        return lists.scan(text, null, null).stream().map(LintFinding::phrase).toList();
    }

    @Test
    void simplifiedAndTraditionalFormsHitTheSameEntry() {
        assertThat(phrasesIn("我们会寄传票")).contains("传票");
        assertThat(phrasesIn("我們會寄傳票")).contains("传票");
        assertThat(phrasesIn("已列入黑名單")).contains("黑名单");
        assertThat(phrasesIn("轉帳到個人帳戶")).contains("个人账户");
    }

    @Test
    void localListsAddTheirOwnUsage() {
        assertThat(phrasesIn("請匯入個人戶口")).contains("個人戶口");
        assertThat(phrasesIn("請加我LINE私聊")).contains("加我LINE");
    }

    @Test
    void englishPhrasesMatchAnyCaseButOnlyFromTheStartOfAWord() {
        assertThat(phrasesIn("Pay now or you will be ARRESTED")).contains("arrest");
        assertThat(phrasesIn("You are a loser")).contains("loser");
        assertThat(phrasesIn("We are getting closer to a plan")).isEmpty();
        assertThat(phrasesIn("Threat of imprisonment")).contains("imprison");
    }

    @Test
    void warningsAreFindingsOfSeverityWarn() {
        assertThat(lists.scan("这是最後通牒", null, null)).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(LintFinding.Severity.WARN));
    }

    @Test
    void ordinaryRepaymentWordingIsClean() {
        assertThat(phrasesIn("【示例银行】您的账单已逾期3天，逾期记录将按规定报送征信系统。请致电95555还款。回复TD退订")).isEmpty();
        assertThat(phrasesIn("閣下的戶口已逾期3日，請致電2123 4567還款。回覆TD取消")).isEmpty();
    }
}
