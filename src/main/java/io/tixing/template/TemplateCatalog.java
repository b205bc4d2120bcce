package io.tixing.template;

import io.tixing.policy.ChannelType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The loaded, linted template catalog: an immutable snapshot of the {@code templates/} folder.
 * Loading fails on anything that must never be sent (hard-block phrases, missing required elements,
 * SMS that can exceed three segments); rendering returns a value — Rendered, Blocked or Missing —
 * never an exception for content problems. Thread-safe.
 */
public final class TemplateCatalog {

    /** The locales templates are written in, most specific fallback first (zh-HK → zh-TW → zh-CN → en-US). */
    public static final Set<String> LOCALES = Collections.unmodifiableSet(new LinkedHashSet<>(LocaleChain.ORDER));

    private final Map<String, TemplateFolder> folders;
    private final Map<String, List<LintFinding>> loadFindings;
    private final MessageRenderer renderer;

    private TemplateCatalog(Map<String, TemplateFolder> folders, Map<String, List<LintFinding>> loadFindings, MessageRenderer renderer) {
        this.folders = folders;
        this.loadFindings = loadFindings;
        this.renderer = renderer;
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
        MessageRenderer renderer = new MessageRenderer(folders, banned);
        CatalogLint lint = new CatalogLint(folders, banned, renderer);
        Map<String, List<LintFinding>> findings = new TreeMap<>();
        folders.values().forEach(folder -> findings.put(folder.key(), lint.lint(folder)));
        return new TemplateCatalog(Map.copyOf(folders), Map.copyOf(findings), renderer);
    }

    public RenderResult render(RenderRequest request) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(request.data(), "request.data");
        Objects.requireNonNull(request.channel(), "request.channel");
        String key = StageSelector.select(request.templateKey(), request.data().daysOverdue(), request.flags(),
                request.channel(), folders, request.data().toGuarantor());
        TemplateFolder folder = folders.get(key);
        if (folder == null) {
            return new RenderResult.Missing(key, "no template with key " + key);
        }
        if (!folder.declares(request.channel())) {
            return new RenderResult.Missing(key, key + " does not declare channel " + request.channel());
        }
        String contradiction = StageSelector.contradiction(folder.manifest().stage(), request.data().daysOverdue());
        if (contradiction != null) {
            // a pre-due text for a loan already late (or the reverse) would state something the request contradicts
            return new RenderResult.Blocked(key, folder.version(), List.of(new LintFinding(LintFinding.Severity.BLOCK,
                    "STAGE_CONTRADICTS_FACTS", null, null, null, contradiction, null, "loan.daysOverdue")));
        }
        MessageRenderer.Draft draft;
        try {
            draft = renderer.draft(folder, request.channel(), request.locale(), request.pack(), request.flags(), request.data());
        } catch (TemplateLoadException e) {
            // cannot happen for a template that passed its load-time sample render; if it does, never send a half message
            return new RenderResult.Blocked(key, folder.version(), List.of(new LintFinding(LintFinding.Severity.BLOCK,
                    "RENDER_ERROR", null, e.file(), e.line(), e.getMessage())));
        }
        if (draft == null) {
            return new RenderResult.Missing(key, "no " + request.channel() + " file for " + LocaleChain.chainFor(request.locale()));
        }
        if (draft.blocked()) {
            return new RenderResult.Blocked(key, folder.version(), draft.findings());
        }
        return new RenderResult.Rendered(draft.message());
    }

    /**
     * Renders {@code key} exactly as given (no stage or flag selection), with sample data of the
     * requested locale when {@code data} is null. Never blocks: hard-block findings are listed.
     *
     * @throws TemplateNotFoundException unknown key, undeclared channel, or no file in the fallback chain
     */
    public Preview preview(String key, String locale, ChannelType channel, MessageData data, String pack) {
        TemplateFolder folder = folders.get(key);
        if (folder == null) {
            throw new TemplateNotFoundException("no template with key " + key);
        }
        if (!folder.declares(channel)) {
            throw new TemplateNotFoundException(key + " does not declare channel " + channel);
        }
        MessageData sample = data != null ? data : SampleData.typical(locale, SampleData.daysFor(folder.manifest().stage()));
        MessageRenderer.Draft draft = renderer.draft(folder, channel, locale, pack, SampleData.flagsFor(folder.manifest()), sample);
        if (draft == null) {
            throw new TemplateNotFoundException(key + " has no " + channel + " file for " + LocaleChain.chainFor(locale));
        }
        RenderedMessage m = draft.message();
        return new Preview(m.text(), m.subject(), m.html(), m.smsEncoding(), m.segments(), draft.findings(),
                m.templateVersion(), m.locale(), m.localeFallback(), key);
    }

    public List<TemplateInfo> entries() {
        return folders.keySet().stream().sorted().map(key -> info(folders.get(key))).toList();
    }

    public Optional<TemplateInfo> entry(String key) {
        return Optional.ofNullable(folders.get(key)).map(this::info);
    }

    private TemplateInfo info(TemplateFolder f) {
        Map<ChannelType, List<String>> locales = new EnumMap<>(ChannelType.class);
        f.manifest().channels().forEach(c -> locales.put(c, List.copyOf(f.locales().getOrDefault(c, new TreeSet<>()))));
        List<LintFinding> findings = loadFindings.getOrDefault(f.key(), List.of());
        TemplateManifest m = f.manifest();
        return new TemplateInfo(f.key(), f.version(), m.stage(), m.channels(), Map.copyOf(locales), findings,
                findings.isEmpty() ? TemplateInfo.LintStatus.OK : TemplateInfo.LintStatus.WARN,
                m.tone(), m.variantOf(), m.serves(), m.owner(), m.approvedBy(), m.approvedAt());
    }
}
