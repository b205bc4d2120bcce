package io.tixing.template;

import freemarker.cache.StringTemplateLoader;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.tixing.policy.BorrowerFlag;
import io.tixing.policy.ChannelType;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one template folder, channel, locale and borrower into a linted draft: picks the locale
 * along the fallback chain, formats the facts, runs FreeMarker, then checks banned phrases,
 * required elements and SMS cost. Used for real renders, previews and load-time samples alike, so
 * all three see exactly the same message.
 */
final class MessageRenderer {

    static final int WARN_SMS_SEGMENTS = 2;

    /** The rendered message plus every finding, hard blocks included (the message itself lists only warnings). */
    record Draft(RenderedMessage message, List<LintFinding> findings) {
        boolean blocked() {
            return findings.stream().anyMatch(f -> f.severity() == LintFinding.Severity.BLOCK);
        }
    }

    private final BannedPhrases banned;
    private final Configuration freemarker;

    MessageRenderer(Map<String, TemplateFolder> folders, BannedPhrases banned) {
        this.banned = banned;
        this.freemarker = configurationFor(folders);
    }

    /** Null when no locale in the fallback chain has a file for this channel. */
    Draft draft(TemplateFolder folder, ChannelType channel, String requestedLocale, String pack,
                Set<BorrowerFlag> flags, MessageData data) {
        Optional<String> found = LocaleChain.chainFor(requestedLocale).stream().filter(l -> folder.has(channel, l)).findFirst();
        if (found.isEmpty()) {
            return null;
        }
        String locale = found.get();
        MessageFacts facts = MessageFacts.of(data, locale, flags);
        RenderedParts parts = renderParts(folder.key(), channel, locale, facts);
        boolean fallback = requestedLocale == null || !locale.equalsIgnoreCase(requestedLocale.strip().replace('_', '-'));
        String effectivePack = pack != null && !pack.isBlank() ? pack.strip().toUpperCase(Locale.ROOT) : LocaleChain.packFor(requestedLocale);

        List<LintFinding> findings = new ArrayList<>();
        if (fallback) {
            findings.add(new LintFinding(LintFinding.Severity.WARN, "LOCALE_FALLBACK", null, null, null,
                    "requested " + requestedLocale + ", rendered " + locale));
        }
        // The caller's own fields first, so a block names the field it came in; then the text as the borrower reads it.
        findings.addAll(banned.scanData(data));
        findings.addAll(banned.scan(parts.subject(), null, null));
        findings.addAll(banned.scan(parts.text(), null, null));
        findings.addAll(banned.scan(parts.html(), null, null));
        findings.addAll(RequiredElements.check(folder.manifest(), channel, effectivePack, parts, facts, null));
        for (String variable : folder.manifest().requiredVariables()) {
            if (!facts.has(variable)) {
                findings.add(new LintFinding(LintFinding.Severity.BLOCK, "REQUIRED_VARIABLE_MISSING", null, null, null,
                        "no value for " + variable));
            }
        }
        String encoding = null;
        int segments = 0;
        if (channel == ChannelType.SMS) {
            SmsSegments sms = SmsSegments.of(parts.text());
            encoding = sms.encoding();
            segments = sms.segments();
            if (segments > WARN_SMS_SEGMENTS) {
                findings.add(new LintFinding(LintFinding.Severity.WARN, "SMS_SEGMENTS", null, null, null,
                        segments + " segments (" + encoding + ", " + sms.units() + " units)"));
            }
        }
        List<LintFinding> warnings = findings.stream().filter(f -> f.severity() == LintFinding.Severity.WARN).toList();
        RenderedMessage message = new RenderedMessage(folder.key(), folder.version(), channel, requestedLocale, locale,
                fallback, parts.text(), parts.subject(), parts.html(), encoding, segments, warnings, parts.contentHash(), facts.values());
        return new Draft(message, List.copyOf(findings));
    }

    /** Parses a template so syntax errors surface at load time (FreeMarker caches the parsed result). */
    void parse(String name) throws IOException {
        freemarker.getTemplate(name);
    }

    /** A subject is one header line: CR, LF and other line separators become spaces (no header injection). */
    private static final java.util.regex.Pattern LINE_BREAKS = java.util.regex.Pattern.compile("[\\r\\n\\u0085\\u2028\\u2029]+");

    static String oneLine(String s) {
        return LINE_BREAKS.matcher(s).replaceAll(" ").strip();
    }

    private RenderedParts renderParts(String key, ChannelType channel, String locale, MessageFacts facts) {
        Map<String, Object> model = facts.model();
        String text = process(key + "/" + TemplateFolder.textFile(channel, locale), model).strip();
        if (channel != ChannelType.EMAIL) {
            return new RenderedParts(text, null, null);
        }
        String subject = oneLine(process(key + "/" + TemplateFolder.subjectFile(locale), model));
        String html = process(key + "/" + TemplateFolder.htmlFile(locale), model).strip();
        return new RenderedParts(text, subject, html);
    }

    private String process(String name, Map<String, Object> model) {
        try {
            Template template = freemarker.getTemplate(name);
            StringWriter out = new StringWriter();
            template.process(model, out);
            return out.toString().replace("\r\n", "\n");
        } catch (TemplateException e) {
            // every variable always has a value (see MessageFacts), so this only happens for a broken template at load
            throw new TemplateLoadException(name, e.getLineNumber(), null, "RENDER_ERROR", e.getMessageWithoutStackTop(), e);
        } catch (IOException e) {
            throw new TemplateLoadException(name, null, null, "IO", e.getMessage(), e);
        }
    }

    private static Configuration configurationFor(Map<String, TemplateFolder> folders) {
        // Templates come from memory, not disk: a loaded catalog never changes under a running render.
        StringTemplateLoader loader = new StringTemplateLoader();
        folders.values().forEach(f -> f.files().forEach((name, content) -> loader.putTemplate(f.key() + "/" + name, content)));
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34); // .ftlh → HTML auto-escaping
        cfg.setTemplateLoader(loader);
        cfg.setLocalizedLookup(false);
        cfg.setDefaultEncoding("UTF-8");
        cfg.setNumberFormat("computer");           // 999, not 999.0 or 1,234
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setAPIBuiltinEnabled(false);           // templates are data edited by content staff: no Java access
        cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        return cfg;
    }
}
