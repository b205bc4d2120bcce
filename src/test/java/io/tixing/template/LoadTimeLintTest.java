package io.tixing.template;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A template that must never be sent never loads, and the error says where and why. */
class LoadTimeLintTest {

    @TempDir
    Path dir;

    @Test
    void aHardBlockedPhraseInATemplateFailsTheLoadWithItsFileLineAndPhrase() {
        Path templates = CatalogFixture.copyOfShippedCatalogIn(dir);
        CatalogFixture.append(templates.resolve("overdue-mid/email.zh-CN.txt.ftl"), "\n否则我们将派人上门。\n");

        TemplateLoadException e = catchThrowableOfType(TemplateLoadException.class, () -> TemplateCatalog.load(templates));

        assertThat(e.file()).isEqualTo("overdue-mid/email.zh-CN.txt.ftl");
        assertThat(e.line()).isEqualTo(lineOf(templates.resolve("overdue-mid/email.zh-CN.txt.ftl"), "派人上门"));
        assertThat(e.phrase()).isEqualTo("上门");
        assertThat(e.rule()).isEqualTo("BANNED_PHRASE");
        assertThat(e.getMessage()).contains("overdue-mid/email.zh-CN.txt.ftl:").contains("上门");
    }

    @Test
    void theTraditionalFormOfABannedPhraseIsCaughtByTheSimplifiedEntry() {
        Path templates = CatalogFixture.copyOfShippedCatalogIn(dir);
        CatalogFixture.replace(templates.resolve("overdue-late/sms.zh-TW.ftl"), "回覆TD取消", "否則將寄發傳票。回覆TD取消");

        TemplateLoadException e = catchThrowableOfType(TemplateLoadException.class, () -> TemplateCatalog.load(templates));

        assertThat(e.file()).isEqualTo("overdue-late/sms.zh-TW.ftl");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.phrase()).isEqualTo("传票"); // the list entry (Simplified) that matched 傳票
    }

    @Test
    void aWarningPhraseLoadsButIsListedAsAFindingOfThatTemplate() {
        Path templates = CatalogFixture.copyOfShippedCatalogIn(dir);
        CatalogFixture.append(templates.resolve("overdue-late/email.zh-HK.txt.ftl"), "\n請盡快處理，否則後果自負。\n");

        TemplateInfo info = TemplateCatalog.load(templates).entry("overdue-late").orElseThrow();

        assertThat(info.status()).isEqualTo(TemplateInfo.LintStatus.WARN);
        assertThat(info.findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(LintFinding.Severity.WARN);
            assertThat(f.phrase()).isEqualTo("后果自负");
            assertThat(f.file()).isEqualTo("overdue-late/email.zh-HK.txt.ftl");
        });
    }

    @Test
    void anSmsWhoseWorstCaseExceedsThreeSegmentsFailsTheLoad() {
        Path templates = CatalogFixture.copyOfShippedCatalogIn(dir);
        CatalogFixture.replace(templates.resolve("due-today/sms.zh-CN.ftl"), "祝您生活愉快！",
                "祝您生活愉快！" + "本行将持续为您提供优质、便捷、安全的金融服务，欢迎您随时通过官方渠道联系我们。".repeat(3));

        TemplateLoadException e = catchThrowableOfType(TemplateLoadException.class, () -> TemplateCatalog.load(templates));

        assertThat(e.rule()).isEqualTo("SMS_SEGMENTS");
        assertThat(e.file()).isEqualTo("due-today/sms.zh-CN.ftl");
    }

    @Test
    void aMainlandSmsWithoutTheSignatureAtTheStartFailsTheLoad() {
        Path templates = CatalogFixture.copyOfShippedCatalogIn(dir);
        CatalogFixture.replace(templates.resolve("pre-due/sms.zh-CN.ftl"), "【${creditor}】尊敬的${name}，", "尊敬的${name}，${creditor}");

        assertThatThrownBy(() -> TemplateCatalog.load(templates)).isInstanceOf(TemplateLoadException.class)
                .hasMessageContaining("pre-due/sms.zh-CN.ftl").hasMessageContaining("signature");
    }

    @Test
    void anSmsWithoutTheOptOutLineFailsTheLoad() {
        Path templates = CatalogFixture.copyOfShippedCatalogIn(dir);
        CatalogFixture.replace(templates.resolve("pre-due/sms.en-US.ftl"), " Reply STOP to opt out.", "");

        assertThatThrownBy(() -> TemplateCatalog.load(templates)).isInstanceOf(TemplateLoadException.class)
                .hasMessageContaining("pre-due/sms.en-US.ftl").hasMessageContaining("opt-out");
    }

    @Test
    void aNeutralVoicemailThatMentionsTheAmountFailsTheLoad() {
        Path templates = CatalogFixture.copyOfShippedCatalogIn(dir);
        CatalogFixture.replace(templates.resolve("voicemail-neutral/voice.zh-CN.ftl"), "请您方便时回电", "关于${amount}欠款，请您方便时回电");

        assertThatThrownBy(() -> TemplateCatalog.load(templates)).isInstanceOf(TemplateLoadException.class)
                .hasMessageContaining("voicemail-neutral/voice.zh-CN.ftl").hasMessageContaining("neutral");
    }

    @Test
    void aTemplateSyntaxErrorFailsTheLoadWithItsLine() {
        Path templates = CatalogFixture.copyOfShippedCatalogIn(dir);
        CatalogFixture.append(templates.resolve("due-today/email.en-US.txt.ftl"), "\n<#if daysOverdue>\n");

        TemplateLoadException e = catchThrowableOfType(TemplateLoadException.class, () -> TemplateCatalog.load(templates));

        assertThat(e.file()).isEqualTo("due-today/email.en-US.txt.ftl");
        assertThat(e.rule()).isEqualTo("SYNTAX");
        assertThat(e.line()).isNotNull();
    }

    private static int lineOf(Path file, String text) {
        try {
            java.util.List<String> lines = java.nio.file.Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    return i + 1;
                }
            }
            throw new AssertionError(text + " not in " + file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
