package io.tixing.template;

import io.tixing.policy.ChannelType;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The debt is disclosed only after the callee confirms identity; a voicemail never discloses it. */
class VoiceScriptTest {

    static final TemplateCatalog catalog = CatalogFixture.shipped();

    static String voice(String key, String locale) {
        RenderResult r = catalog.render(new RenderRequest(key, ChannelType.VOICE, locale, null, Set.of(), CatalogFixture.borrowerOf(locale, 3)));
        return ((RenderResult.Rendered) r).message().text();
    }

    @Test
    void theIdentityPromptComesFirstAndHoldsNoDebtDetails() {
        VoiceScript script = VoiceScript.of(voice("overdue-reminder", "zh-CN"));

        assertThat(script.identityPrompt()).contains("示例银行").contains("王姓客户").contains("按1")
                .doesNotContain("¥").doesNotContain("逾期");
        assertThat(script.hasDisclosure()).isTrue();
        assertThat(script.disclosure()).contains("¥1,234.50").contains("按9");
    }

    @Test
    void theVoicemailIsOneNeutralParagraphWithTheHotlineOnly() {
        VoiceScript script = VoiceScript.of(voice("voicemail-neutral", "zh-HK"));

        assertThat(script.hasDisclosure()).isFalse();
        assertThat(script.identityPrompt()).contains("2123 4567").doesNotContain("HK$").doesNotContain("陳");
    }
}
