package io.tixing.reply;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shipped intent files, read as the gateway reads them, against replies borrowers send, in Simplified,
 * Traditional (Taiwan and Hong Kong) and English. "Today" is Monday 2026-11-23 on the borrower's calendar.
 */
class ReplyClassifierTest {

    static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    static final ReplyClassifier CLASSIFIER = new ReplyClassifier(ReplyRecognizerTest.RECOGNIZER,
            IntentRules.load(ReplyKeywords.classpath(ReplyClassifierTest.class.getClassLoader(), "replies"), ReplyKeywords.LOCALES));

    @ParameterizedTest(name = "\"{0}\" → {1} {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "-", textBlock = """
            # reply                                   | intent          | promised date
            # wrong number, three scripts
            打错了，我不是王小明                          | WRONG_NUMBER    | -
            你好，这个号码不是本人在用                     | WRONG_NUMBER    | -
            不认识这个人，别再发了吗                        | OPT_OUT         | -
            不认识                                       | WRONG_NUMBER    | -
            你們打錯了，我不認識他                          | WRONG_NUMBER    | -
            唔係本人，搵錯人                               | WRONG_NUMBER    | -
            Wrong number, sorry                         | WRONG_NUMBER    | -
            who is this??                               | WRONG_NUMBER    | -
            # disputes
            这笔钱不是我借的                               | DISPUTE         | -
            金额不对，我只借了3000                          | DISPUTE         | -
            我上周已经还了！                                | DISPUTE         | -
            這筆不是我借的                                 | DISPUTE         | -
            我已經還了                                     | DISPUTE         | -
            我冇借過                                       | DISPUTE         | -
            I never borrowed this money                  | DISPUTE         | -
            I already paid this last week                | DISPUTE         | -
            # negation: "it is not that I won't pay" is no refusal; what follows decides
            不是不还，是真的没钱                             | HARDSHIP        | -
            不是不还，明天还                                | PROMISE_TO_PAY  | 2026-11-24
            不是不還，週五前還                               | PROMISE_TO_PAY  | 2026-11-27
            我没有失业，月底还                               | PROMISE_TO_PAY  | 2026-11-30
            # hardship
            我失业了，现在没钱还                             | HARDSHIP        | -
            我妈妈生病住院了                                 | HARDSHIP        | -
            最近失業，真的沒錢                               | HARDSHIP        | -
            我俾人炒咗，冇錢還                               | HARDSHIP        | -
            I lost my job last month                     | HARDSHIP        | -
            I'm in the hospital                          | HARDSHIP        | -
            # hardship outranks a promise made under it (the promise stays in alsoSaid)
            我失业了，下个月5号还                            | HARDSHIP        | -
            # promises with a date on the borrower's calendar
            明天还                                        | PROMISE_TO_PAY  | 2026-11-24
            明天還                                        | PROMISE_TO_PAY  | 2026-11-24
            好的，周五前还                                  | PROMISE_TO_PAY  | 2026-11-27
            週五前還款                                     | PROMISE_TO_PAY  | 2026-11-27
            下个月5号还                                     | PROMISE_TO_PAY  | 2026-12-05
            下個月5號還                                     | PROMISE_TO_PAY  | 2026-12-05
            我25号还款                                      | PROMISE_TO_PAY  | 2026-11-25
            我十五号还                                      | PROMISE_TO_PAY  | 2026-12-15
            12月1日前转账                                    | PROMISE_TO_PAY  | 2026-12-01
            下周一还                                        | PROMISE_TO_PAY  | 2026-11-30
            聽日畀錢                                        | PROMISE_TO_PAY  | 2026-11-24
            ＯＫ，２６号还                                   | PROMISE_TO_PAY  | 2026-11-26
            I'll pay on Friday                           | PROMISE_TO_PAY  | 2026-11-27
            I will pay tomorrow                          | PROMISE_TO_PAY  | 2026-11-24
            will pay next friday                         | PROMISE_TO_PAY  | 2026-12-04
            I can pay on the 5th                         | PROMISE_TO_PAY  | 2026-12-05
            I'll pay Dec 3                               | PROMISE_TO_PAY  | 2026-12-03
            I will pay on 2026-12-10                     | PROMISE_TO_PAY  | 2026-12-10
            # a promise without a date, or with an impossible one, goes to a person
            我会还的                                        | UNKNOWN         | -
            I will pay soon                              | UNKNOWN         | -
            32号还                                          | UNKNOWN         | -
            # agent
            转人工                                          | AGENT           | -
            我要找客服                                       | AGENT           | -
            請轉真人專員                                     | AGENT           | -
            Can I talk to someone?                       | AGENT           | -
            call me please                               | AGENT           | -
            # mixed: opt-out wins over everything
            打错了，不要再发了                                | OPT_OUT         | -
            STOP, wrong number                           | OPT_OUT         | -
            不是我借的，退订                                  | OPT_OUT         | -
            # nothing recognised
            收到                                            | UNKNOWN         | -
            ok                                            | UNKNOWN         | -
            🙏🙏                                            | UNKNOWN         | -
            I have a skill                               | UNKNOWN         | -
            """)
    void a_reply_is_read_as_the_borrower_meant_it(String reply, Intent intent, String date) {
        Classified c = CLASSIFIER.classify(reply, MONDAY);
        assertThat(c.intent()).as(c.describe()).isEqualTo(intent);
        assertThat(c.promisedDate()).as(c.describe()).isEqualTo(date == null ? null : LocalDate.parse(date));
    }

    @Test
    void the_rule_that_matched_names_the_file_and_phrase_and_lower_intents_are_kept() {
        Classified c = CLASSIFIER.classify("我失业了，下个月5号还", MONDAY);
        assertThat(c.rule()).isEqualTo("hardship.zh-CN:失业");
        assertThat(c.alsoSaid()).containsExactly(Intent.PROMISE_TO_PAY);
        assertThat(CLASSIFIER.classify("周五前还", MONDAY).rule()).isEqualTo("promise.zh-CN:还+date(周五)");
        assertThat(CLASSIFIER.classify("STOP, wrong number", MONDAY).alsoSaid()).containsExactly(Intent.WRONG_NUMBER);
    }

    @Test
    void a_weekday_said_on_that_weekday_is_today_and_dates_follow_the_borrowers_calendar() {
        LocalDate friday = LocalDate.of(2026, 11, 27);
        assertThat(CLASSIFIER.classify("周五还", friday).promisedDate()).isEqualTo(friday);
        assertThat(CLASSIFIER.classify("明天还", LocalDate.of(2026, 12, 31)).promisedDate()).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(CLASSIFIER.classify("下个月31号还", LocalDate.of(2027, 1, 10)).promisedDate()).isEqualTo(LocalDate.of(2027, 2, 28));
    }

    @Test
    void one_phrase_in_two_intents_stops_loading_with_the_file_and_line() {
        ReplyKeywords.Source source = name -> Optional.of(new ByteArrayInputStream(
                "[dispute]\n已经还了\n[promise]\n已经还了\n".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> IntentRules.load(source, List.of("zh-CN")))
                .isInstanceOf(MalformedKeywordFile.class).hasMessageContaining("intents.zh-CN.txt line 4");
    }

    @Test
    void a_bad_day_rule_stops_loading() {
        ReplyKeywords.Source source = name -> Optional.of(new ByteArrayInputStream("[days]\n明天 = soon\n".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> IntentRules.load(source, List.of("zh-CN")))
                .isInstanceOf(MalformedKeywordFile.class).hasMessageContaining("line 2");
    }
}
