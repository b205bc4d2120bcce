package io.tixing.reply;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The phrase lists of the conversation intents, one file per locale ({@code intents.zh-CN.txt}…), UTF-8:
 *
 * <pre>
 * # comment
 * [wrong-number]   phrases of one intent (also [dispute], [hardship], [promise], [agent])
 * 打错了
 * [negations]      a phrase right after one of these does not count: "不是不还" is no refusal
 * 不是
 * [days]           words for a promised day: "+N" days from today, a weekday (today or the next one),
 * 明天 = +1        "next WEEKDAY" (that day of next week) or END_OF_MONTH
 * 周五 = FRIDAY
 * </pre>
 *
 * Phrases are compared as {@link MatchText} (the opt-out normalisation), Chinese anywhere, Latin as whole words.
 * A missing or non-UTF-8 file, a line outside a section, an unknown section, a phrase that normalises to nothing, a
 * bad day rule or one phrase in two intents is a {@link MalformedKeywordFile} naming the file and line.
 */
public final class IntentRules {

    /** One phrase: the intent, as written, as matched and where it came from. */
    public record Phrase(Intent intent, String written, String matchText, String list, String origin) {}

    /** What a [days] word means. Exactly one of offset / weekday / endOfMonth applies. */
    public record DayWord(String written, String matchText, Integer offset, DayOfWeek weekday, boolean nextWeek, boolean endOfMonth) {}

    private final Map<Intent, List<Phrase>> phrases;
    private final List<String> negations;
    private final List<DayWord> days;

    private IntentRules(Map<Intent, List<Phrase>> phrases, List<String> negations, List<DayWord> days) {
        this.phrases = phrases;
        this.negations = negations;
        this.days = days;
    }

    public List<Phrase> of(Intent intent) { return phrases.getOrDefault(intent, List.of()); }

    List<String> negations() { return negations; }

    List<DayWord> days() { return days; }

    public int size() { return phrases.values().stream().mapToInt(List::size).sum(); }

    public static IntentRules load(ReplyKeywords.Source source, List<String> locales) {
        if (locales.isEmpty()) throw new MalformedKeywordFile("no reply locales configured");
        Map<Intent, List<Phrase>> phrases = new EnumMap<>(Intent.class);
        Map<String, Phrase> seen = new HashMap<>();
        List<String> negations = new ArrayList<>();
        Map<String, DayWord> days = new LinkedHashMap<>();
        for (String locale : locales) {
            String list = "intents." + locale;
            parse(list, read(source, list + ".txt"), phrases, seen, negations, days);
        }
        phrases.replaceAll((k, v) -> List.copyOf(v));
        return new IntentRules(phrases, List.copyOf(negations), List.copyOf(days.values()));
    }

    private static void parse(String list, String text, Map<Intent, List<Phrase>> phrases, Map<String, Phrase> seen,
                              List<String> negations, Map<String, DayWord> days) {
        PhraseFile.read(list, text, new PhraseFile.Reader() {
            @Override
            public void section(String section, String origin) {
                if (!section.equals("negations") && !section.equals("days") && intentOf(section) == null) {
                    throw new MalformedKeywordFile(origin + ": unknown section [" + section + "], expected [wrong-number], [dispute], "
                            + "[hardship], [promise], [agent], [negations] or [days]");
                }
            }

            @Override
            public void phrase(String section, String line, String origin) {
                if (section.equals("days")) {
                    DayWord d = dayWord(line, origin);
                    days.putIfAbsent(d.matchText(), d);
                    return;
                }
                String match = MatchText.of(line);
                if (match.isEmpty()) throw new MalformedKeywordFile(origin + ": \"" + line + "\" is only punctuation, symbols or space once normalised");
                if (section.equals("negations")) {
                    if (!negations.contains(match)) negations.add(match);
                    return;
                }
                Intent intent = intentOf(section);
                Phrase p = new Phrase(intent, line, match, section + "." + list.substring("intents.".length()), origin);
                Phrase other = seen.putIfAbsent(match, p);
                if (other != null && other.intent() != intent) {
                    throw new MalformedKeywordFile(origin + ": \"" + line + "\" is also a " + other.intent() + " phrase (" + other.origin()
                            + "); one reply cannot mean both");
                }
                phrases.computeIfAbsent(intent, k -> new ArrayList<>()).add(p);
            }
        });
    }

    private static Intent intentOf(String section) {
        for (Intent intent : Intent.values()) if (section.equals(intent.section())) return intent;
        return null;
    }

    private static DayWord dayWord(String line, String origin) {
        int eq = line.lastIndexOf('=');
        if (eq <= 0) throw new MalformedKeywordFile(origin + ": a [days] line is \"word = +N | WEEKDAY | next WEEKDAY | END_OF_MONTH\"");
        String word = line.substring(0, eq).strip();
        String rule = line.substring(eq + 1).strip();
        String match = MatchText.of(word);
        if (match.isEmpty()) throw new MalformedKeywordFile(origin + ": \"" + word + "\" is only punctuation, symbols or space once normalised");
        try {
            if (rule.matches("\\+\\d{1,2}")) return new DayWord(word, match, Integer.parseInt(rule.substring(1)), null, false, false);
            if (rule.equals("END_OF_MONTH")) return new DayWord(word, match, null, null, false, true);
            boolean next = rule.startsWith("next ");
            DayOfWeek day = DayOfWeek.valueOf(next ? rule.substring(5).strip() : rule);
            return new DayWord(word, match, null, day, next, false);
        } catch (IllegalArgumentException e) {
            throw new MalformedKeywordFile(origin + ": \"" + rule + "\" is not +N, a weekday (MONDAY…SUNDAY), next WEEKDAY or END_OF_MONTH");
        }
    }

    private static String read(ReplyKeywords.Source source, String fileName) {
        try (InputStream in = source.open(fileName)
                .orElseThrow(() -> new MalformedKeywordFile("reply intent file " + fileName + " is missing (every locale needs one)"))) {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(in.readAllBytes())).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedKeywordFile("reply intent file " + fileName + " is not valid UTF-8", e);
        } catch (IOException e) {
            throw new MalformedKeywordFile("reply intent file " + fileName + " cannot be read: " + e.getMessage(), e);
        }
    }
}
