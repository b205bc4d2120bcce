package io.tixing.template;

import freemarker.cache.StringTemplateLoader;
import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.tixing.policy.BorrowerFlag;
import io.tixing.policy.ChannelType;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The loaded, linted template catalog: an immutable snapshot of the {@code templates/} folder.
 * Loading fails on anything that must never be sent (hard-block phrases, missing required elements,
 * SMS that can exceed three segments); rendering returns a value — Rendered, Blocked or Missing —
 * never an exception for content problems. Thread-safe.
 */
public final class TemplateCatalog {

    static final int MAX_SMS_SEGMENTS = 3;
    static final int WARN_SMS_SEGMENTS = 2;

    private final Map<String, TemplateFolder> folders;
    private final Map<String, List<LintFinding>> loadFindings;
    private final BannedPhrases banned;
    private final Configuration freemarker;

    private TemplateCatalog(Map<String, TemplateFolder> folders, BannedPhrases banned, Configuration freemarker) {
        this.folders = folders;
        this.banned = banned;
        this.freemarker = freemarker;
        this.loadFindings = new TreeMap<>();
    }

    /** Reads and lints every template folder under {@code dir} (folders starting with "_" or "." are not templates). */
    public static TemplateCatalog load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new TemplateLoadException(String.valueOf(dir), null, null, "IO", "templates folder not found");
        }
        BannedPhrases banned = BannedPhrases.load(dir);
        Map<String, TemplateFolder> folders = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(Files::isDirectory).sorted().toList()) {
                String name = p.getFileName().toString();
                if (!name.startsWith("_") && !name.startsWith(".")) {
                    folders.put(name, TemplateFolder.read(p));
                }
            }
        } catch (IOException e) {
            throw new TemplateLoadException(String.valueOf(dir), null, null, "IO", e.getMessage(), e);
        }
        TemplateCatalog catalog = new TemplateCatalog(Map.copyOf(folders), banned, freemarkerFor(folders));
        for (TemplateFolder folder : folders.values()) {
            catalog.loadFindings.put(folder.key(), List.copyOf(catalog.lint(folder)));
        }
        return catalog;
    }

    public RenderResult render(RenderRequest request) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(request.data(), "request.data");
        Objects.requireNonNull(request.channel(), "request.channel");
        String key = StageSelector.select(request.templateKey(), request.data().daysOverdue(), request.flags(),
                request.channel(), folders);
        TemplateFolder folder = folders.get(key);
        if (folder == null) {
            return new RenderResult.Missing(key, "no template with key " + key);
        }
        if (!folder.declares(request.channel())) {
            return new RenderResult.Missing(key, key + " does not declare channel " + request.channel());
        }
        Draft draft = draft(folder, request.channel(), request.locale(), request.pack(), request.flags(), request.data());
        if (draft == null) {
            return new RenderResult.Missing(key, "no " + request.channel() + " file for " + LocaleChain.chainFor(request.locale()));
        }
        if (draft.findings().stream().anyMatch(f -> f.severity() == LintFinding.Severity.BLOCK)) {
            return new RenderResult.Blocked(key, folder.version(), draft.findings());
        }
        return new RenderResult.Rendered(draft.message());
    }

    /** Renders {@code key} as it would be sent, with sample data when {@code data} is null; never blocks. */
    public Preview preview(String key, String locale, ChannelType channel, MessageData data, String pack) {
        TemplateFolder folder = folders.get(key);
        if (folder == null) {
            throw new TemplateNotFoundException("no template with key " + key);
        }
        if (!folder.declares(channel)) {
            throw new TemplateNotFoundException(key + " does not declare channel " + channel);
        }
        MessageData sample = data != null ? data : SampleData.typical(locale, SampleData.daysFor(folder.manifest().stage()));
        Draft draft = draft(folder, channel, locale, pack, SampleData.flagsFor(folder.manifest()), sample);
        if (draft == null) {
            throw new TemplateNotFoundException(key + " has no " + channel + " file for " + LocaleChain.chainFor(locale));
        }
        RenderedMessage m = draft.message();
        return new Preview(m.text(), m.subject(), m.html(), m.smsEncoding(), m.segments(), draft.findings(),
                m.templateVersion(), m.locale(), m.localeFallback(), key);
    }

    public List<TemplateInfo> entries() {
        return folders.values().stream().sorted(Comparator.comparing(TemplateFolder::key)).map(this::info).toList();
    }

    public Optional<TemplateInfo> entry(String key) {
        return Optional.ofNullable(folders.get(key)).map(this::info);
    }

    private TemplateInfo info(TemplateFolder f) {
        Map<ChannelType, List<String>> locales = new EnumMap<>(ChannelType.class);
        f.manifest().channels().forEach(c -> locales.put(c, List.copyOf(f.locales().getOrDefault(c, new java.util.TreeSet<>()))));
        List<LintFinding> findings = loadFindings.getOrDefault(f.key(), List.of());
        TemplateManifest m = f.manifest();
        return new TemplateInfo(f.key(), f.version(), m.stage(), m.channels(), Map.copyOf(locales), findings,
                findings.isEmpty() ? TemplateInfo.LintStatus.OK : TemplateInfo.LintStatus.WARN,
                m.tone(), m.variantOf(), m.serves(), m.owner(), m.approvedBy(), m.approvedAt());
    }

    // ---- rendering -------------------------------------------------------------------------

    private record Draft(RenderedMessage message, List<LintFinding> findings) {}

    /** Renders and lints one message; null when no locale in the fallback chain has a file. */
    private Draft draft(TemplateFolder folder, ChannelType channel, String requestedLocale, String pack,
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
                fallback, parts.text(), parts.subject(), parts.html(), encoding, segments, warnings, parts.contentHash());
        return new Draft(message, List.copyOf(findings));
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

    /** A subject is one header line: CR, LF and other line separators become spaces (no header injection). */
    static String oneLine(String s) {
        return s.replaceAll("[\\r\\n\\u0085\\u2028\\u2029]+", " ").strip();
    }

    private String process(String name, Map<String, Object> model) {
        try {
            Template template = freemarker.getTemplate(name);
            StringWriter out = new StringWriter();
            template.process(model, out);
            return out.toString().replace("\r\n", "\n");
        } catch (TemplateException e) {
            throw new TemplateLoadException(name, e.getLineNumber(), null, "RENDER_ERROR", e.getMessageWithoutStackTop(), e);
        } catch (IOException e) {
            throw new TemplateLoadException(name, null, null, "IO", e.getMessage(), e);
        }
    }

    // ---- load-time lint --------------------------------------------------------------------

    /** Fails the load on hard blocks; returns the warnings to show in entries(). */
    private List<LintFinding> lint(TemplateFolder folder) {
        List<LintFinding> warnings = new ArrayList<>();
        if (folder.manifest().variantOf() != null && !folders.containsKey(folder.manifest().variantOf())) {
            throw new TemplateLoadException(folder.key() + "/" + TemplateFolder.MANIFEST, null, null, "UNKNOWN_VARIANT_BASE",
                    "variantOf " + folder.manifest().variantOf() + " is not in the catalog");
        }
        folder.files().forEach((name, content) -> {
            if (!name.endsWith(".ftl") && !name.endsWith(".ftlh")) {
                return;
            }
            String file = folder.key() + "/" + name;
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
                freemarker.getTemplate(file);
            } catch (ParseException e) {
                throw new TemplateLoadException(file, e.getLineNumber(), null, "SYNTAX", e.getEditorMessage(), e);
            } catch (IOException e) {
                throw new TemplateLoadException(file, null, null, "IO", e.getMessage(), e);
            }
        });
        int sampleDays = SampleData.daysFor(folder.manifest().stage());
        for (ChannelType channel : folder.manifest().channels()) {
            for (String locale : LocaleChain.ORDER) {
                if (!folder.has(channel, locale)) {
                    warnings.add(new LintFinding(LintFinding.Severity.WARN, "LOCALE_MISSING", null, folder.key(), null,
                            channel + " has no " + locale + " file; renders fall back"));
                    continue;
                }
                String file = folder.key() + "/" + TemplateFolder.textFile(channel, locale);
                String pack = LocaleChain.packFor(locale);
                Draft typical = draft(folder, channel, locale, pack, SampleData.flagsFor(folder.manifest()),
                        SampleData.typical(locale, sampleDays));
                typical.findings().stream().filter(f -> f.severity() == LintFinding.Severity.BLOCK).findFirst().ifPresent(f -> {
                    throw new TemplateLoadException(file, f.line(), f.phrase(), f.rule(), f.message() + " (sample render, pack " + pack + ")");
                });
                if (channel == ChannelType.SMS) {
                    // no flags: every optional block (consequences) is shown, the longest the text can get
                    RenderedMessage worst = draft(folder, channel, locale, pack, Set.of(), SampleData.worstCase(locale, sampleDays)).message();
                    if (worst.segments() > MAX_SMS_SEGMENTS) {
                        throw new TemplateLoadException(file, null, null, "SMS_SEGMENTS", "worst case needs " + worst.segments()
                                + " " + worst.smsEncoding() + " segments; the limit is " + MAX_SMS_SEGMENTS);
                    }
                    if (worst.segments() > WARN_SMS_SEGMENTS) {
                        warnings.add(new LintFinding(LintFinding.Severity.WARN, "SMS_SEGMENTS", null, file, null,
                                "worst case needs " + worst.segments() + " " + worst.smsEncoding() + " segments"));
                    }
                }
            }
        }
        return warnings;
    }

    private static Configuration freemarkerFor(Map<String, TemplateFolder> folders) {
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
