package io.tixing.template;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

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

    @Test
    void one_pass_over_the_text_finds_exactly_what_searching_for_each_phrase_in_turn_finds() {
        Random random = new Random(20261202);
        List<BannedPhrases.Entry> entries = lists.entries();
        String filler = "您的账单已逾期天还款 closer to a plan, Pay now 請致電還款aZ-_.0189 ";
        for (int n = 0; n < 5_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int part = random.nextInt(6); part >= 0; part--) {
                int from = random.nextInt(filler.length());
                text.append(filler, from, Math.min(filler.length(), from + random.nextInt(12)));
                if (random.nextBoolean()) text.append(entries.get(random.nextInt(entries.size())).phrase());
                if (random.nextInt(4) == 0) text.append((char) ('a' + random.nextInt(26)));
            }
            boolean wholeWords = n % 2 == 0;
            String folded = BannedPhrases.matchable(text.toString());
            List<String> expected = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (BannedPhrases.Entry e : entries) {
                if (occursSomewhere(folded, e.folded(), wholeWords) && seen.add(e.folded())) expected.add(e.phrase());
            }
            List<String> found = lists.scan(text.toString(), null, null, wholeWords)
                    .stream().map(LintFinding::phrase).toList();
            assertThat(found).as("in %s", text).isEqualTo(expected);
        }
    }

    /** The plain definition: some occurrence of the phrase starts a word (if Latin) and, asked for, ends one. */
    private static boolean occursSomewhere(String text, String phrase, boolean wholeWords) {
        for (int at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
            int end = at + phrase.length();
            boolean startOk = !latin(phrase.charAt(0)) || at == 0 || !latin(text.charAt(at - 1));
            boolean endOk = !wholeWords || !latin(phrase.charAt(phrase.length() - 1)) || end == text.length() || !latin(text.charAt(end));
            if (startOk && endOk) return true;
        }
        return false;
    }

    private static boolean latin(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
}
