package io.tixing.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tixing.policy.ChannelType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One template key as read from disk: its manifest, the text of every file (kept in memory so the
 * loaded catalog never changes under a running render), which channel × locale files exist, and the
 * version hash.
 */
final class TemplateFolder {

    static final String MANIFEST = "template.yaml";
    private static final Pattern SMS_OR_VOICE = Pattern.compile("(sms|voice)\\.([a-z]{2}-[A-Z]{2})\\.ftl");
    private static final Pattern EMAIL = Pattern.compile("email\\.([a-z]{2}-[A-Z]{2})\\.(subject\\.ftl|ftlh|txt\\.ftl)");
    private static final List<String> EMAIL_PARTS = List.of("subject.ftl", "ftlh", "txt.ftl");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final String key;
    private final TemplateManifest manifest;
    private final String version;
    private final Map<String, String> files;              // file name → content, sorted by name
    private final Map<ChannelType, SortedSet<String>> locales;

    private TemplateFolder(String key, TemplateManifest manifest, String version, Map<String, String> files,
                           Map<ChannelType, SortedSet<String>> locales) {
        this.key = key;
        this.manifest = manifest;
        this.version = version;
        this.files = files;
        this.locales = locales;
    }

    static TemplateFolder read(Path folder) {
        String key = folder.getFileName().toString();
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : list.filter(Files::isRegularFile).toList()) {
                files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new TemplateLoadException(key, null, null, "IO", "cannot read folder: " + e.getMessage(), e);
        }
        TemplateManifest manifest = parseManifest(key, files.get(MANIFEST));
        Map<ChannelType, SortedSet<String>> locales = new EnumMap<>(ChannelType.class);
        Map<String, SortedSet<String>> emailParts = new TreeMap<>();
        for (String name : files.keySet()) {
            Matcher m = SMS_OR_VOICE.matcher(name);
            Matcher e = EMAIL.matcher(name);
            if (m.matches()) {
                ChannelType channel = ChannelType.valueOf(m.group(1).toUpperCase());
                locales.computeIfAbsent(channel, c -> new TreeSet<>()).add(m.group(2));
            } else if (e.matches()) {
                emailParts.computeIfAbsent(e.group(1), l -> new TreeSet<>()).add(e.group(2));
            } else if (name.endsWith(".ftl") || name.endsWith(".ftlh")) {
                throw new TemplateLoadException(key + "/" + name, null, null, "UNKNOWN_FILE",
                        "expected sms|voice.<locale>.ftl or email.<locale>.subject.ftl|ftlh|txt.ftl");
            }
        }
        emailParts.forEach((locale, parts) -> {
            if (parts.size() != EMAIL_PARTS.size()) {
                throw new TemplateLoadException(key + "/email." + locale + ".*", null, null, "EMAIL_INCOMPLETE",
                        "an email needs subject.ftl, ftlh and txt.ftl; found " + parts);
            }
            locales.computeIfAbsent(ChannelType.EMAIL, c -> new TreeSet<>()).add(locale);
        });
        for (ChannelType declared : manifest.channels()) {
            if (!locales.containsKey(declared)) {
                throw new TemplateLoadException(key + "/" + MANIFEST, null, null, "CHANNEL_WITHOUT_FILES",
                        "declares " + declared + " but has no " + declared.name().toLowerCase() + ".<locale> file");
            }
        }
        return new TemplateFolder(key, manifest, versionOf(files), files, locales);
    }

    /** SHA-256 over (name, content) of every file sorted by name; the first 16 hex characters. */
    private static String versionOf(Map<String, String> files) {
        MessageDigest digest = Hashing.sha256();
        files.forEach((name, content) -> {
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(content.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        });
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }

    private static TemplateManifest parseManifest(String key, String yaml) {
        String file = key + "/" + MANIFEST;
        if (yaml == null) {
            throw new TemplateLoadException(file, null, null, "MANIFEST_MISSING", "every template folder needs a template.yaml");
        }
        TemplateManifest m;
        try {
            m = YAML.readValue(yaml, TemplateManifest.class);
        } catch (JsonProcessingException e) {
            Integer line = e.getLocation() == null ? null : e.getLocation().getLineNr();
            throw new TemplateLoadException(file, line, null, "MANIFEST_SYNTAX", e.getOriginalMessage(), e);
        }
        if (m == null || m.stage() == null || m.channels().isEmpty()) {
            throw new TemplateLoadException(file, null, null, "MANIFEST_INCOMPLETE", "stage and channels are required");
        }
        if (m.approvedBy() == null || m.approvedAt() == null) {
            throw new TemplateLoadException(file, null, null, "NOT_APPROVED", "approvedBy and approvedAt are required");
        }
        try {
            LocalDate.parse(m.approvedAt());
        } catch (DateTimeParseException e) {
            throw new TemplateLoadException(file, null, null, "MANIFEST_SYNTAX", "approvedAt must be an ISO date (2026-11-20)");
        }
        for (String variable : m.requiredVariables()) {
            if (!MessageFacts.VARIABLES.contains(variable)) {
                throw new TemplateLoadException(file, null, variable, "UNKNOWN_VARIABLE", "known: " + new TreeSet<>(MessageFacts.VARIABLES));
            }
        }
        if ((m.variantOf() == null) != (m.serves() == null)) {
            throw new TemplateLoadException(file, null, null, "MANIFEST_INCOMPLETE", "a variant needs both variantOf and serves");
        }
        return m;
    }

    /** FreeMarker template names of one channel × locale: [text] or, for email, [text, subject, html]. */
    static String textFile(ChannelType channel, String locale) {
        return switch (channel) {
            case SMS -> "sms." + locale + ".ftl";
            case VOICE -> "voice." + locale + ".ftl";
            case EMAIL -> "email." + locale + ".txt.ftl";
        };
    }

    static String subjectFile(String locale) { return "email." + locale + ".subject.ftl"; }

    static String htmlFile(String locale) { return "email." + locale + ".ftlh"; }

    String key() { return key; }

    TemplateManifest manifest() { return manifest; }

    String version() { return version; }

    Map<String, String> files() { return files; }

    Map<ChannelType, SortedSet<String>> locales() { return locales; }

    boolean declares(ChannelType channel) { return manifest.channels().contains(channel); }

    boolean has(ChannelType channel, String locale) {
        return locales.getOrDefault(channel, new TreeSet<>()).contains(locale);
    }
}
