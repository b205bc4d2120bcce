package io.tixing.webhook;

import io.tixing.reply.Intent;
import io.tixing.reply.MalformedKeywordFile;
import io.tixing.reply.Recognized;
import io.tixing.reply.ReplyIntent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The recognizer the application starts with: the shipped lists, or compliance's own directory, checked at start. */
class ReplyBeansTest {

    private static RepliesConfig config(Optional<String> dir) {
        return new RepliesConfig() {
            public Optional<String> keywordDirectory() { return dir; }
            public List<String> locales() { return List.of("en-US", "zh-CN", "zh-TW", "zh-HK"); }
            public int shortReplyMaxWords() { return 10; }
            public int shortReplyMaxChars() { return 40; }
        };
    }

    /** Copies the shipped files into {@code dir}, as an operator starting their own lists would. */
    private static void copyShipped(Path dir) throws IOException {
        for (String intent : List.of("opt-out", "opt-in", "intents")) {
            for (String locale : List.of("en-US", "zh-CN", "zh-TW", "zh-HK")) {
                try (var in = ReplyBeansTest.class.getClassLoader().getResourceAsStream("replies/" + intent + "." + locale + ".txt")) {
                    Files.write(dir.resolve(intent + "." + locale + ".txt"), in.readAllBytes());
                }
            }
        }
    }

    @Test
    void compliance_extends_the_lists_in_its_own_directory_without_a_rebuild(@TempDir Path dir) throws IOException {
        copyShipped(dir);
        Files.writeString(dir.resolve("opt-out.zh-CN.txt"), "\n[keywords]\n别再联系我\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        var recognizer = new ReplyBeans().replyRecognizer(config(Optional.of(dir.toString())));
        assertThat(recognizer.recognize("请别再联系我了").intent()).isEqualTo(ReplyIntent.OPT_OUT);
        assertThat(recognizer.recognize("请别再联系我了").match()).isEqualTo(Recognized.Match.IN_SHORT_REPLY);
        assertThat(new ReplyBeans().replyRecognizer(config(Optional.empty())).recognize("请别再联系我了").intent())
                .as("the shipped lists do not have it").isEqualTo(ReplyIntent.OTHER);
    }

    @Test
    void compliance_adds_a_hardship_phrase_in_its_own_directory(@TempDir Path dir) throws IOException {
        copyShipped(dir);
        Files.writeString(dir.resolve("intents.zh-CN.txt"), "\n[hardship]\n公司倒闭\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        var config = config(Optional.of(dir.toString()));
        var beans = new ReplyBeans();
        var classifier = beans.replyClassifier(config, beans.replyRecognizer(config));
        assertThat(classifier.classify("公司倒闭了", java.time.LocalDate.of(2026, 11, 23)).intent()).isEqualTo(Intent.HARDSHIP);
        var shipped = beans.replyClassifier(config(Optional.empty()), beans.replyRecognizer(config(Optional.empty())));
        assertThat(shipped.classify("公司倒闭了", java.time.LocalDate.of(2026, 11, 23)).intent()).isEqualTo(Intent.UNKNOWN);
    }

    @Test
    void a_malformed_keyword_file_stops_start_up_naming_file_and_line(@TempDir Path dir) throws IOException {
        copyShipped(dir);
        Files.writeString(dir.resolve("opt-in.zh-TW.txt"), "[whole-reply]\n開始\n[maybe]\n好\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new ReplyBeans().replyRecognizer(config(Optional.of(dir.toString()))))
                .isInstanceOf(MalformedKeywordFile.class).hasMessageContaining("opt-in.zh-TW.txt line 3")
                .hasMessageContaining("unknown section [maybe]");
    }

    @Test
    void a_keyword_directory_that_does_not_exist_stops_start_up(@TempDir Path dir) {
        assertThatThrownBy(() -> new ReplyBeans().replyRecognizer(config(Optional.of(dir.resolve("nope").toString()))))
                .isInstanceOf(MalformedKeywordFile.class).hasMessageContaining("is not a directory");
    }
}
