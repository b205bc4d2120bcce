package io.tixing.reply;

import io.tixing.reply.Recognized.Match;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped keyword files, read as the gateway reads them, against the replies borrowers actually send. */
class ReplyRecognizerTest {

    static final ReplyRecognizer RECOGNIZER = new ReplyRecognizer(
            ReplyKeywords.load(ReplyKeywords.classpath(ReplyRecognizerTest.class.getClassLoader(), "replies"), ReplyKeywords.LOCALES),
            ShortReply.DEFAULT);

    @ParameterizedTest(name = "\"{0}\" → {1} ({2}, review {3})")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # reply                                  | intent  | match          | review
            # statutory and CTIA keywords, exact, any case, any width, trailing punctuation and emoji
            STOP                                     | OPT_OUT | WHOLE_REPLY    | false
            Stop.                                    | OPT_OUT | WHOLE_REPLY    | false
            " stop 🙏🙏"                              | OPT_OUT | WHOLE_REPLY    | false
            STOPALL                                  | OPT_OUT | WHOLE_REPLY    | false
            END                                      | OPT_OUT | WHOLE_REPLY    | false
            quit!                                    | OPT_OUT | WHOLE_REPLY    | false
            Cancel                                   | OPT_OUT | WHOLE_REPLY    | false
            UNSUBSCRIBE                              | OPT_OUT | WHOLE_REPLY    | false
            REVOKE                                   | OPT_OUT | WHOLE_REPLY    | false
            OPT OUT                                  | OPT_OUT | WHOLE_REPLY    | false
            opt-out                                  | OPT_OUT | WHOLE_REPLY    | false
            OptOut                                   | OPT_OUT | WHOLE_REPLY    | false
            ＯＰＴ　ＯＵＴ！                           | OPT_OUT | WHOLE_REPLY    | false
            ＳＴＯＰ                                  | OPT_OUT | WHOLE_REPLY    | false
            TD                                       | OPT_OUT | WHOLE_REPLY    | false
            " td "                                   | OPT_OUT | WHOLE_REPLY    | false
            ＴＤ                                     | OPT_OUT | WHOLE_REPLY    | false
            T                                        | OPT_OUT | WHOLE_REPLY    | false
            t.                                       | OPT_OUT | WHOLE_REPLY    | false
            # Chinese, both scripts, with full-width punctuation
            退订                                      | OPT_OUT | WHOLE_REPLY    | false
            退订。                                    | OPT_OUT | WHOLE_REPLY    | false
            退訂！                                    | OPT_OUT | WHOLE_REPLY    | false
            取消                                      | OPT_OUT | WHOLE_REPLY    | false
            停止                                      | OPT_OUT | WHOLE_REPLY    | false
            不要再发                                  | OPT_OUT | WHOLE_REPLY    | false
            不要再發                                  | OPT_OUT | WHOLE_REPLY    | false
            别再发                                    | OPT_OUT | WHOLE_REPLY    | false
            別再發                                    | OPT_OUT | WHOLE_REPLY    | false
            # short free text containing a keyword
            please stop                              | OPT_OUT | IN_SHORT_REPLY | false
            please stop texting me                   | OPT_OUT | IN_SHORT_REPLY | false
            "Please STOP texting me!!! 😡"            | OPT_OUT | IN_SHORT_REPLY | false
            I want to opt-out now                    | OPT_OUT | IN_SHORT_REPLY | false
            不要再发了                                | OPT_OUT | IN_SHORT_REPLY | false
            停止发送                                  | OPT_OUT | IN_SHORT_REPLY | false
            请别再发短信了，谢谢                        | OPT_OUT | IN_SHORT_REPLY | false
            請不要再發簡訊給我                          | OPT_OUT | IN_SHORT_REPLY | false
            唔好再send啦                              | OPT_OUT | IN_SHORT_REPLY | false
            我要退订                                  | OPT_OUT | IN_SHORT_REPLY | false
            回复TD                                    | OPT_OUT | IN_SHORT_REPLY | false
            STOP START                             | OPT_OUT | IN_SHORT_REPLY | false
            # refusal-like or ambiguous: opt-out, flagged for a person
            leave me alone                           | OPT_OUT | WHOLE_REPLY    | true
            Don't text me again                    | OPT_OUT | IN_SHORT_REPLY | true
            I'll pay at the end of the month         | OPT_OUT | IN_SHORT_REPLY | true
            能不能取消罚息                             | OPT_OUT | IN_SHORT_REPLY | true
            别烦我                                    | OPT_OUT | WHOLE_REPLY    | true
            唔好煩我啦                                 | OPT_OUT | IN_SHORT_REPLY | true
            I lost my job and I cannot pay this month, my family is sick, please stop sending these | OPT_OUT | IN_LONG_REPLY | true
            # opt-in: the whole reply only
            START                                    | OPT_IN  | WHOLE_REPLY    | false
            start.                                   | OPT_IN  | WHOLE_REPLY    | false
            ＳＴＡＲＴ                                 | OPT_IN  | WHOLE_REPLY    | false
            UNSTOP                                   | OPT_IN  | WHOLE_REPLY    | false
            开始                                      | OPT_IN  | WHOLE_REPLY    | false
            開始！                                    | OPT_IN  | WHOLE_REPLY    | false
            # ordinary replies: nothing recognised
            I'll pay at the weekend                  | OTHER   | NONE           | false
            I will pay tomorrow                      | OTHER   | NONE           | false
            weekend                                  | OTHER   | NONE           | false
            nonstop                                  | OTHER   | NONE           | false
            Tomorrow                                 | OTHER   | NONE           | false
            OK thanks                                | OTHER   | NONE           | false
            I will start paying next week            | OTHER   | NONE           | false
            下个月开始还款                              | OTHER   | NONE           | false
            明天还款                                   | OTHER   | NONE           | false
            好的，谢谢                                 | OTHER   | NONE           | false
            TDX                                      | OTHER   | NONE           | false
            at 3 pm                                  | OTHER   | NONE           | false
            🙏                                     | OTHER   | NONE           | false
            """)
    void every_reasonable_way_of_saying_stop_or_start_is_recognised_and_ordinary_replies_are_not(
            String reply, ReplyIntent intent, Match match, boolean review) {
        Recognized r = RECOGNIZER.recognize(reply);
        assertThat(r.intent()).as("intent of %s (%s)", reply, r.describe()).isEqualTo(intent);
        assertThat(r.match()).as("match of %s (%s)", reply, r.describe()).isEqualTo(match);
        assertThat(r.needsReview()).as("review of %s (%s)", reply, r.describe()).isEqualTo(review);
    }

    @org.junit.jupiter.api.Test
    void the_result_names_the_keyword_its_list_and_the_normalised_reply() {
        Recognized r = RECOGNIZER.recognize("  Please STOP texting me!!! 😡");
        assertThat(r.keyword()).isEqualTo("STOP");
        assertThat(r.list()).isEqualTo("opt-out.en-US");
        assertThat(r.normalized()).isEqualTo("please stop texting me");
        assertThat(r.describe()).contains("intent=OPT_OUT", "keyword=STOP", "match=IN_SHORT_REPLY", "review=no",
                "normalized=please stop texting me");
        assertThat(RECOGNIZER.recognize("退訂！").list()).isEqualTo("opt-out.zh-TW");
    }

    @org.junit.jupiter.api.Test
    void the_short_reply_bound_is_configurable() {
        var keywords = ReplyKeywords.load(ReplyKeywords.classpath(getClass().getClassLoader(), "replies"), ReplyKeywords.LOCALES);
        var strict = new ReplyRecognizer(keywords, new ShortReply(2, 40));
        assertThat(strict.recognize("please stop").needsReview()).isFalse();
        assertThat(strict.recognize("please stop texting me").match()).isEqualTo(Match.IN_LONG_REPLY);
        assertThat(strict.recognize("please stop texting me").needsReview()).isTrue();
    }
}
