package io.tixing.reply;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keyword files are data an operator edits: a file that cannot be used stops start-up and says where and why. */
class ReplyKeywordsTest {

    private static final List<String> ONE = List.of("en-US");

    private static Map<String, byte[]> valid() {
        Map<String, byte[]> files = new HashMap<>();
        files.put("opt-out.en-US.txt", "[keywords]\nSTOP\n[whole-reply]\nT\n".getBytes(StandardCharsets.UTF_8));
        files.put("opt-in.en-US.txt", "[whole-reply]\nSTART\n".getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private static ReplyKeywords load(Map<String, byte[]> files) {
        return ReplyKeywords.load(name -> Optional.ofNullable(files.get(name)).map(ByteArrayInputStream::new), ONE);
    }

    private static Map<String, byte[]> withOptOut(String text) {
        var files = valid();
        files.put("opt-out.en-US.txt", text.getBytes(StandardCharsets.UTF_8));
        return files;
    }

    @Test
    void the_shipped_lists_load_for_every_locale_in_both_chinese_scripts() {
        var keywords = ReplyKeywords.load(ReplyKeywords.classpath(getClass().getClassLoader(), "replies"), ReplyKeywords.LOCALES);
        assertThat(keywords.of(ReplyIntent.OPT_OUT)).extracting(ReplyKeywords.Keyword::list).contains(
                "opt-out.en-US", "opt-out.zh-CN", "opt-out.zh-TW", "opt-out.zh-HK");
        assertThat(keywords.of(ReplyIntent.OPT_OUT)).extracting(ReplyKeywords.Keyword::written)
                .contains("STOP", "STOPALL", "END", "QUIT", "CANCEL", "UNSUBSCRIBE", "REVOKE", "OPT OUT", "OPTOUT", "TD", "T",
                        "退订", "退訂", "取消", "停止", "不要再发", "不要再發", "别再发", "別再發");
        assertThat(keywords.of(ReplyIntent.OPT_IN)).extracting(ReplyKeywords.Keyword::written).contains("START", "UNSTOP", "开始", "開始");
    }

    @Test
    void a_valid_list_loads() {
        assertThat(load(valid()).size()).isEqualTo(3);
    }

    @Test
    void a_missing_file_fails_naming_it() {
        var files = valid();
        files.remove("opt-in.en-US.txt");
        assertThatThrownBy(() -> load(files)).isInstanceOf(MalformedKeywordFile.class).hasMessageContaining("opt-in.en-US.txt is missing");
    }

    @Test
    void a_keyword_outside_any_section_fails_naming_file_and_line() {
        assertThatThrownBy(() -> load(withOptOut("# stop words\nSTOP\n"))).isInstanceOf(MalformedKeywordFile.class)
                .hasMessageContaining("opt-out.en-US.txt line 2").hasMessageContaining("before any [section]");
    }

    @Test
    void an_unknown_section_fails() {
        assertThatThrownBy(() -> load(withOptOut("[keyword]\nSTOP\n"))).isInstanceOf(MalformedKeywordFile.class)
                .hasMessageContaining("line 1").hasMessageContaining("unknown section [keyword]");
        assertThatThrownBy(() -> load(withOptOut("[keywords\nSTOP\n"))).hasMessageContaining("no closing ]");
    }

    @Test
    void a_keyword_that_is_only_punctuation_or_emoji_fails() {
        assertThatThrownBy(() -> load(withOptOut("[keywords]\nSTOP\n。！🙏\n"))).isInstanceOf(MalformedKeywordFile.class)
                .hasMessageContaining("line 3");
    }

    @Test
    void an_empty_list_fails() {
        assertThatThrownBy(() -> load(withOptOut("# nothing yet\n[keywords]\n"))).isInstanceOf(MalformedKeywordFile.class)
                .hasMessageContaining("opt-out.en-US.txt has no keywords");
    }

    @Test
    void a_file_that_is_not_utf8_fails() {
        var files = valid();
        files.put("opt-out.en-US.txt", "[keywords]\n\u9000\u8ba2\n".getBytes(java.nio.charset.Charset.forName("GBK")));
        assertThatThrownBy(() -> load(files)).isInstanceOf(MalformedKeywordFile.class).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void an_opt_in_never_has_an_ambiguous_section() {
        var files = valid();
        files.put("opt-in.en-US.txt", "[whole-reply]\nSTART\n[ambiguous]\nok\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> load(files)).isInstanceOf(MalformedKeywordFile.class)
                .hasMessageContaining("opt-in.en-US.txt line 3").hasMessageContaining("OPT_IN never acts on an ambiguous reply");
    }

    @Test
    void one_keyword_in_two_intents_fails() {
        var files = valid();
        files.put("opt-in.en-US.txt", "[whole-reply]\nSTART\nＳｔｏｐ\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> load(files)).isInstanceOf(MalformedKeywordFile.class)
                .hasMessageContaining("opt-in.en-US.txt line 3").hasMessageContaining("also a OPT_OUT keyword");
    }

    @Test
    void the_reply_package_is_plain_java() throws java.io.IOException {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/java/io/tixing/reply"))) {
            var imports = files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    return java.nio.file.Files.readAllLines(f).stream().filter(l -> l.startsWith("import ")).map(l -> f.getFileName() + ": " + l);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertThat(imports).isNotEmpty().noneMatch(l -> l.contains("io.quarkus") || l.contains("jakarta.") || l.contains("javax.")
                    || l.contains("io.smallrye") || (l.contains("io.tixing.") && !l.contains("io.tixing.reply") && !l.contains("io.tixing.text")));
        }
    }
}
