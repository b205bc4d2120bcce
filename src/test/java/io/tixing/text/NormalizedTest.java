package io.tixing.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NormalizedTest {

    @Test
    void full_width_latin_is_folded_to_ascii_and_case_folded() {
        assertThat(Normalized.forMatching("ＰＯＬＩＣＥ")).isEqualTo("police");
        assertThat(Normalized.forMatching("ＴＤ")).isEqualTo("td");
    }

    @Test
    void format_characters_hidden_inside_a_phrase_are_removed() {
        assertThat(Normalized.forMatching("曝\u200b光")).isEqualTo("曝光");
        assertThat(Normalized.forMatching("通\u200d讯录")).isEqualTo("通讯录");
        assertThat(Normalized.forMatching("起\u00ad诉\u200c你\u202e")).isEqualTo("起诉你");
        assertThat(Normalized.forMatching("\ufeffSTOP")).isEqualTo("stop");
    }

    @Test
    void a_reply_loses_punctuation_emoji_and_white_space_at_its_ends_only() {
        assertThat(Normalized.reply("  Stop. ")).isEqualTo("stop");
        assertThat(Normalized.reply("退订。")).isEqualTo("退订");
        assertThat(Normalized.reply("STOP 🙏🙏")).isEqualTo("stop");
        assertThat(Normalized.reply("please   stop texting me!")).isEqualTo("please stop texting me");
        assertThat(Normalized.reply("\u3000ＯＰＴ ＯＵＴ！")).isEqualTo("opt out");
        assertThat(Normalized.reply(null)).isEmpty();
    }
}
