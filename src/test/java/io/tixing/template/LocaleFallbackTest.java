package io.tixing.template;

import io.tixing.policy.ChannelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** zh-HK → zh-TW → zh-CN → en-US, only when the requested locale's file is missing, and always flagged. */
class LocaleFallbackTest {

    @TempDir
    Path dir;

    static RenderedMessage renderHongKongSms(TemplateCatalog catalog) {
        RenderResult result = catalog.render(new RenderRequest("overdue-reminder", ChannelType.SMS, "zh-HK", "HK", Set.of(),
                CatalogFixture.borrowerOf("zh-HK", 3)));
        assertThat(result).isInstanceOf(RenderResult.Rendered.class);
        return ((RenderResult.Rendered) result).message();
    }

    @Test
    void aMissingHongKongFileFallsBackToTaiwanAndSaysSo() throws IOException {
        Path templates = CatalogFixture.copyOfShippedCatalogIn(dir);
        Files.delete(templates.resolve("overdue-reminder/sms.zh-HK.ftl"));
        TemplateCatalog catalog = TemplateCatalog.load(templates);

        RenderedMessage m = renderHongKongSms(catalog);

        assertThat(m.requestedLocale()).isEqualTo("zh-HK");
        assertThat(m.locale()).isEqualTo("zh-TW");
        assertThat(m.localeFallback()).isTrue();
        assertThat(m.text()).contains("HK$1,234.50"); // money follows the currency, not the template's locale
        assertThat(m.warnings()).extracting(LintFinding::rule).contains("LOCALE_FALLBACK");
        assertThat(catalog.entry("overdue-reminder").orElseThrow().findings()).extracting(LintFinding::rule).contains("LOCALE_MISSING");
    }

    @Test
    void withoutAnyTraditionalFileHongKongFallsBackToTheMainlandTemplate() throws IOException {
        Path templates = CatalogFixture.copyOfShippedCatalogIn(dir);
        Files.delete(templates.resolve("overdue-reminder/sms.zh-HK.ftl"));
        Files.delete(templates.resolve("overdue-reminder/sms.zh-TW.ftl"));

        RenderedMessage m = renderHongKongSms(TemplateCatalog.load(templates));

        assertThat(m.locale()).isEqualTo("zh-CN");
        assertThat(m.localeFallback()).isTrue();
    }

    @Test
    void aPresentFileIsNeverAFallback() {
        RenderedMessage m = renderHongKongSms(CatalogFixture.shipped());

        assertThat(m.locale()).isEqualTo("zh-HK");
        assertThat(m.localeFallback()).isFalse();
        assertThat(m.warnings()).extracting(LintFinding::rule).doesNotContain("LOCALE_FALLBACK");
    }

    @Test
    void previewReportsTheFallbackToo() throws IOException {
        Path templates = CatalogFixture.copyOfShippedCatalogIn(dir);
        Files.delete(templates.resolve("pre-due/sms.zh-HK.ftl"));

        Preview p = TemplateCatalog.load(templates).preview("pre-due", "zh-HK", ChannelType.SMS, null, null);

        assertThat(p.locale()).isEqualTo("zh-TW");
        assertThat(p.localeFallback()).isTrue();
        assertThat(p.findings()).extracting(LintFinding::rule).contains("LOCALE_FALLBACK");
        assertThat(p.smsEncoding()).isEqualTo("UCS-2");
        assertThat(p.segments()).isEqualTo(SmsSegments.of(p.text()).segments());
    }
}
