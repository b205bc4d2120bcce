package io.tixing.template;

import freemarker.core.ParseException;
import io.tixing.policy.ChannelType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Load-time lint of one template folder. Anything that must never be sent throws
 * {@link TemplateLoadException} (banned phrase, syntax error, missing required element on the
 * sample, an SMS whose worst case exceeds three segments); the rest comes back as warnings.
 */
final class CatalogLint {

    static final int MAX_SMS_SEGMENTS = 3;

    private final Map<String, TemplateFolder> folders;
    private final BannedPhrases banned;
    private final MessageRenderer renderer;

    CatalogLint(Map<String, TemplateFolder> folders, BannedPhrases banned, MessageRenderer renderer) {
        this.folders = folders;
        this.banned = banned;
        this.renderer = renderer;
    }

    List<LintFinding> lint(TemplateFolder folder) {
        List<LintFinding> warnings = new ArrayList<>();
        String variantOf = folder.manifest().variantOf();
        if (variantOf != null && !folders.containsKey(variantOf)) {
            throw new TemplateLoadException(folder.key() + "/" + TemplateFolder.MANIFEST, null, null, "UNKNOWN_VARIANT_BASE",
                    "variantOf " + variantOf + " is not in the catalog");
        }
        folder.files().forEach((name, content) -> {
            if (name.endsWith(".ftl") || name.endsWith(".ftlh")) {
                lintSource(folder.key() + "/" + name, content, warnings);
            }
        });
        for (ChannelType channel : folder.manifest().channels()) {
            for (String locale : LocaleChain.ORDER) {
                if (folder.has(channel, locale)) {
                    lintSamples(folder, channel, locale, warnings);
                } else {
                    warnings.add(new LintFinding(LintFinding.Severity.WARN, "LOCALE_MISSING", null, folder.key(), null,
                            channel + " has no " + locale + " file; renders fall back"));
                }
            }
        }
        return List.copyOf(warnings);
    }

    /** Banned phrases line by line in the template source, then a parse for syntax errors. */
    private void lintSource(String file, String content, List<LintFinding> warnings) {
        String[] lines = content.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            for (LintFinding f : banned.scan(lines[i], file, i + 1)) {
                if (f.severity() == LintFinding.Severity.BLOCK) {
                    throw new TemplateLoadException(file, i + 1, f.phrase(), "BANNED_PHRASE", f.message());
                }
                warnings.add(f);
            }
        }
        try {
            renderer.parse(file);
        } catch (ParseException e) {
            throw new TemplateLoadException(file, e.getLineNumber(), null, "SYNTAX", e.getEditorMessage(), e);
        } catch (IOException e) {
            throw new TemplateLoadException(file, null, null, "IO", e.getMessage(), e);
        }
    }

    /** Required elements on a typical borrower of the locale's pack; SMS cost on the worst case. */
    private void lintSamples(TemplateFolder folder, ChannelType channel, String locale, List<LintFinding> warnings) {
        String file = folder.key() + "/" + TemplateFolder.textFile(channel, locale);
        String pack = LocaleChain.packFor(locale);
        int days = SampleData.daysFor(folder.manifest().stage());
        MessageRenderer.Draft typical = renderer.draft(folder, channel, locale, pack, SampleData.flagsFor(folder.manifest()),
                SampleData.typical(locale, days));
        typical.findings().stream().filter(f -> f.severity() == LintFinding.Severity.BLOCK).findFirst().ifPresent(f -> {
            throw new TemplateLoadException(file, f.line(), f.phrase(), f.rule(), f.message() + " (sample render, pack " + pack + ")");
        });
        if (channel != ChannelType.SMS) {
            return;
        }
        // no flags: every optional block (consequences) is shown, the longest the text can get
        RenderedMessage worst = renderer.draft(folder, channel, locale, pack, Set.of(), SampleData.worstCase(locale, days)).message();
        if (worst.segments() > MAX_SMS_SEGMENTS) {
            throw new TemplateLoadException(file, null, null, "SMS_SEGMENTS", "worst case needs " + worst.segments()
                    + " " + worst.smsEncoding() + " segments; the limit is " + MAX_SMS_SEGMENTS);
        }
        if (worst.segments() > MessageRenderer.WARN_SMS_SEGMENTS) {
            warnings.add(new LintFinding(LintFinding.Severity.WARN, "SMS_SEGMENTS", null, file, null,
                    "worst case needs " + worst.segments() + " " + worst.smsEncoding() + " segments"));
        }
    }
}
