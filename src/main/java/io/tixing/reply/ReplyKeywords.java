package io.tixing.reply;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keyword lists, one file per intent and locale ({@code opt-out.zh-CN.txt}, {@code opt-in.zh-HK.txt}…), UTF-8:
 *
 * <pre>
 * # comment
 * [keywords]      the whole reply, or inside a short reply: clearly meant
 * STOP
 * [whole-reply]   only when it is the whole reply (T; START, which a sentence like "I will start paying" contains)
 * T
 * [ambiguous]     looks like a refusal but may not be one: opts out and is flagged for a person (opt-out only)
 * leave me alone
 * </pre>
 *
 * Every locale has every intent's file. Anything else — a missing or non-UTF-8 file, a line outside a section, an
 * unknown section, a keyword that normalises to nothing, an empty list, [ambiguous] in an intent that never acts on
 * doubt, one keyword in two intents — is a {@link MalformedKeywordFile} naming the file and line.
 */
public final class ReplyKeywords {

    /** Where a keyword counts; see the class comment. */
    public enum Section {
        KEYWORDS("keywords"), WHOLE_REPLY("whole-reply"), AMBIGUOUS("ambiguous");

        final String header;

        Section(String header) { this.header = header; }

        static Optional<Section> ofHeader(String header) {
            for (Section s : values()) if (s.header.equals(header)) return Optional.of(s);
            return Optional.empty();
        }
    }

    /** One keyword: as written, as matched, and where it came from (file:line). */
    public record Keyword(ReplyIntent intent, Section section, String written, String matchText, String list, String origin) {}

    /** Opens a keyword file by name ({@code opt-out.en-US.txt}); empty when there is no such file. */
    @FunctionalInterface
    public interface Source {
        Optional<InputStream> open(String fileName) throws IOException;
    }

    /** The shipped languages; both Chinese scripts, Hong Kong with its own (Cantonese) phrasing. */
    public static final List<String> LOCALES = List.of("en-US", "zh-CN", "zh-TW", "zh-HK");

    private final Map<ReplyIntent, List<Keyword>> byIntent;

    private ReplyKeywords(Map<ReplyIntent, List<Keyword>> byIntent) { this.byIntent = byIntent; }

    public List<Keyword> of(ReplyIntent intent) { return byIntent.getOrDefault(intent, List.of()); }

    public int size() { return byIntent.values().stream().mapToInt(List::size).sum(); }

    /** Files on the classpath under {@code folder} (the shipped lists: {@code replies}). */
    public static Source classpath(ClassLoader loader, String folder) {
        return name -> Optional.ofNullable(loader.getResourceAsStream(folder + "/" + name));
    }

    /** Files in a directory (an operator's or compliance team's own lists, no rebuild needed). */
    public static Source directory(Path dir) {
        return name -> {
            Path file = dir.resolve(name);
            return Files.isRegularFile(file) ? Optional.of(Files.newInputStream(file)) : Optional.empty();
        };
    }

    public static ReplyKeywords load(Source source, List<String> locales) {
        if (locales.isEmpty()) throw new MalformedKeywordFile("no reply locales configured");
        Map<ReplyIntent, List<Keyword>> byIntent = new EnumMap<>(ReplyIntent.class);
        Map<String, Keyword> seen = new HashMap<>();
        for (ReplyIntent intent : ReplyIntent.values()) {
            if (intent.file().isEmpty()) continue;
            List<Keyword> all = new ArrayList<>();
            for (String locale : locales) {
                String list = intent.file().get() + "." + locale;
                for (Keyword k : parse(list, read(source, list + ".txt"), intent)) {
                    Keyword other = seen.putIfAbsent(k.matchText(), k);
                    if (other != null && other.intent() != intent) {
                        throw new MalformedKeywordFile(k.origin() + ": \"" + k.written() + "\" is also a " + other.intent()
                                + " keyword (" + other.origin() + "); one reply cannot mean both");
                    }
                    all.add(k);
                }
            }
            byIntent.put(intent, List.copyOf(all));
        }
        return new ReplyKeywords(byIntent);
    }

    private static String read(Source source, String fileName) {
        try (InputStream in = source.open(fileName)
                .orElseThrow(() -> new MalformedKeywordFile("reply keyword file " + fileName + " is missing (every locale needs one per intent)"))) {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(in.readAllBytes())).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedKeywordFile("reply keyword file " + fileName + " is not valid UTF-8", e);
        } catch (IOException e) {
            throw new MalformedKeywordFile("reply keyword file " + fileName + " cannot be read: " + e.getMessage(), e);
        }
    }

    static List<Keyword> parse(String list, String text, ReplyIntent intent) {
        List<Keyword> out = new ArrayList<>();
        PhraseFile.read(list, text, new PhraseFile.Reader() {
            @Override
            public void section(String header, String origin) {
                Section section = Section.ofHeader(header).orElseThrow(() -> new MalformedKeywordFile(origin + ": unknown section ["
                        + header + "], expected [keywords], [whole-reply] or [ambiguous]"));
                if (section == Section.AMBIGUOUS && !intent.actsOnDoubt()) {
                    throw new MalformedKeywordFile(origin + ": " + intent + " never acts on an ambiguous reply, so it has no [ambiguous] section");
                }
            }

            @Override
            public void phrase(String header, String line, String origin) {
                String match = MatchText.of(line);
                if (match.isEmpty()) throw new MalformedKeywordFile(origin + ": \"" + line + "\" is only punctuation, symbols or space once normalised");
                out.add(new Keyword(intent, Section.ofHeader(header).orElseThrow(), line, match, list, origin));
            }
        });
        if (out.isEmpty()) throw new MalformedKeywordFile(list + ".txt has no keywords");
        return List.copyOf(out);
    }
}
