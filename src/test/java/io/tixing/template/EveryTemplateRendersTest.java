package io.tixing.template;

import io.tixing.policy.ChannelType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every key renders in zh-CN, zh-TW, zh-HK and en-US on every channel it declares, in that locale's
 * own money and date format, with the required elements of that locale's pack and no fallback.
 */
class EveryTemplateRendersTest {

    static final List<String> LOCALES = List.of("zh-CN", "zh-TW", "zh-HK", "en-US");
    static final TemplateCatalog catalog = CatalogFixture.shipped();

    @Test
    void theCatalogShipsEveryKeyTheProductNames() {
        assertThat(catalog.entries()).extracting(TemplateInfo::key).contains(
                "overdue-reminder", "pre-due", "due-today", "overdue-early", "overdue-mid", "overdue-late",
                "hardship-offer", "promise-to-pay-confirmation", "voicemail-neutral",
                "pre-due-elderly", "overdue-early-elderly", "overdue-mid-elderly");
        for (TemplateInfo info : catalog.entries()) {
            info.channels().forEach(channel -> assertThat(info.locales().get(channel)).as(info.key() + " " + channel)
                    .containsExactlyInAnyOrderElementsOf(LOCALES));
            assertThat(info.version()).hasSize(16).matches("[0-9a-f]+");
        }
    }

    @TestFactory
    List<DynamicTest> everyKeyRendersInEveryLocaleOnEveryDeclaredChannel() {
        List<DynamicTest> tests = new ArrayList<>();
        for (TemplateInfo info : catalog.entries()) {
            for (ChannelType channel : info.channels()) {
                for (String locale : LOCALES) {
                    tests.add(DynamicTest.dynamicTest(info.key() + " " + channel + " " + locale,
                            () -> rendersWithTheLocalesFormatsAndRequiredElements(info, channel, locale)));
                }
            }
        }
        return tests;
    }

    private void rendersWithTheLocalesFormatsAndRequiredElements(TemplateInfo info, ChannelType channel, String locale) {
        MessageData borrower = CatalogFixture.borrowerOf(locale, SampleData.daysFor(info.stage()));
        RenderResult result = catalog.render(new RenderRequest(info.key(), channel, locale, CatalogFixture.packOf(locale), Set.of(), borrower));

        assertThat(result).isInstanceOf(RenderResult.Rendered.class);
        RenderedMessage m = ((RenderResult.Rendered) result).message();
        assertThat(m.templateKey()).isEqualTo(info.key());
        assertThat(m.locale()).isEqualTo(locale);
        assertThat(m.localeFallback()).isFalse();
        assertThat(m.templateVersion()).isEqualTo(info.version());
        assertThat(m.text()).doesNotContain("${").doesNotContain(borrower.borrowerName()).contains(borrower.hotline());

        if ("voicemail".equals(info.stage())) {
            assertThat(m.text()).doesNotContain(CatalogFixture.expectedAmount(locale)).doesNotContain(CatalogFixture.expectedDate(locale));
            return;
        }
        assertThat(m.text()).contains(CatalogFixture.expectedAmount(locale)).contains(CatalogFixture.expectedDate(locale))
                .contains(borrower.creditor());
        switch (channel) {
            case SMS -> {
                assertThat(m.text()).contains(CatalogFixture.expectedSmsOptOut(locale));
                if (locale.equals("zh-CN")) {
                    assertThat(m.text()).startsWith("【" + borrower.creditor() + "】");
                }
                assertThat(m.smsEncoding()).isEqualTo(locale.startsWith("zh") ? "UCS-2" : "GSM-7");
                assertThat(m.segments()).isBetween(1, 3);
            }
            case EMAIL -> {
                assertThat(m.subject()).isNotBlank().doesNotContain("\n");
                assertThat(m.html()).contains("<html lang=\"" + locale + "\"").contains(CatalogFixture.expectedAmount(locale));
                if (locale.equals("en-US")) {
                    assertThat(m.text()).containsIgnoringCase("unsubscribe");
                }
            }
            case VOICE -> {
                String identityPrompt = m.text().split("\\n\\s*\\n", 2)[0];
                assertThat(identityPrompt).doesNotContain(CatalogFixture.expectedAmount(locale));
            }
        }
    }
}
