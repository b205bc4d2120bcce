package io.tixing.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.tixing.policy.Recent;
import io.tixing.text.Normalized;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The banned-phrase lists from {@code templates/_lint/banned.<locale>.txt}, one
 * {@code category|phrase|BLOCK or WARN} per line. Every list is applied to every text, whatever its
 * locale: injected content (a creditor or product name) can arrive in any language or script.
 * Matching is substring matching on what a person reads: {@link Normalized#forMatching} first (NFKC, so
 * full-width ＰＯＬＩＣＥ is POLICE; no format characters, so 曝\u200b光 is 曝光; case-folded), then
 * {@link ChineseScriptFolding}, so Simplified, Traditional and any letter case all hit the same entry; the list
 * entries are normalised the same way when loaded. A phrase starting with a Latin letter must also start a
 * word ("loser" is not found in "closer"); its end is open, so "arrest" still catches "arrested".
 */
final class BannedPhrases {

    record Entry(String category, String phrase, LintFinding.Severity severity, String source, String folded) {}

    private final List<Entry> entries;
    /** For each char, the indexes (in list order) of the entries whose folded phrase starts with it; null for none. */
    private final int[][] byFirstChar = new int[Character.MAX_VALUE + 1][];

    private BannedPhrases(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        for (int i = 0; i < this.entries.size(); i++) {
            char first = this.entries.get(i).folded().charAt(0);
            int[] known = byFirstChar[first];
            int[] grown = known == null ? new int[1] : java.util.Arrays.copyOf(known, known.length + 1);
            grown[grown.length - 1] = i;
            byFirstChar[first] = grown;
        }
    }

    static BannedPhrases load(Path templatesDir) {
        Path lintDir = templatesDir.resolve("_lint");
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(lintDir)) {
            throw new TemplateLoadException("_lint", null, null, "LINT_LISTS_MISSING",
                    "no banned-phrase lists: expected " + lintDir + "/banned.<locale>.txt");
        }
        try (Stream<Path> files = Files.list(lintDir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().matches("banned\\..+\\.txt")).sorted().toList()) {
                readList(templatesDir.relativize(file).toString(), Files.readAllLines(file, StandardCharsets.UTF_8), entries);
            }
        } catch (IOException e) {
            throw new TemplateLoadException("_lint", null, null, "IO", "cannot read lint lists: " + e.getMessage());
        }
        if (entries.isEmpty()) {
            throw new TemplateLoadException("_lint", null, null, "LINT_LISTS_MISSING", "banned-phrase lists are empty");
        }
        return new BannedPhrases(entries);
    }

    private static void readList(String file, List<String> lines, List<Entry> into) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\|", -1);
            if (parts.length != 3 || parts[1].isBlank()) {
                throw new TemplateLoadException(file, i + 1, null, "LINT_LIST_SYNTAX", "expected category|phrase|BLOCK or WARN");
            }
            LintFinding.Severity severity;
            try {
                severity = LintFinding.Severity.valueOf(parts[2].strip());
            } catch (IllegalArgumentException e) {
                throw new TemplateLoadException(file, i + 1, parts[1], "LINT_LIST_SYNTAX", "severity must be BLOCK or WARN");
            }
            String phrase = parts[1].strip();
            if (matchable(phrase).isEmpty()) {
                throw new TemplateLoadException(file, i + 1, phrase, "LINT_LIST_SYNTAX", "phrase is empty once normalised");
            }
            into.add(new Entry(parts[0].strip(), phrase, severity, file, matchable(phrase)));
        }
    }

    /** Findings for one piece of text; {@code file}/{@code line} are passed through (null for rendered text). */
    List<LintFinding> scan(String text, String file, Integer line) {
        return scan(text, file, line, false);
    }

    List<LintFinding> scan(String text, String file, Integer line, boolean wholeWords) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String folded = matchable(text);
        // One pass over the text, trying at each position only the phrases that start with its char; then the
        // findings in list order, as if each phrase had been searched for in turn.
        java.util.BitSet occurs = new java.util.BitSet(entries.size());
        for (int at = 0; at < folded.length(); at++) {
            int[] candidates = byFirstChar[folded.charAt(at)];
            if (candidates == null) continue;
            for (int i : candidates) {
                if (!occurs.get(i) && occursAt(folded, entries.get(i).folded(), at, wholeWords)) occurs.set(i);
            }
        }
        if (occurs.isEmpty()) return List.of();
        List<LintFinding> findings = new ArrayList<>();
        java.util.Set<String> hit = new java.util.HashSet<>();
        for (int i = occurs.nextSetBit(0); i >= 0; i = occurs.nextSetBit(i + 1)) {
            Entry entry = entries.get(i);
            // a phrase listed in both scripts (or in two lists) is one finding
            if (hit.add(entry.folded())) {
                findings.add(new LintFinding(entry.severity(), "BANNED_PHRASE", entry.phrase(), file, line,
                        entry.category() + " (" + entry.source() + ")", entry.category(), null));
            }
        }
        return findings;
    }

    /**
     * Findings in the caller's data, each naming the request field it arrived in. Every field is checked, even one
     * the template shows only masked (the name): a lender system that writes 老赖 into a name field is not to be
     * trusted with the rest of the message either.
     */
    List<LintFinding> scanData(MessageData data) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("borrower.name", data.borrowerName());
        fields.put("loan.creditor", data.creditor());
        fields.put("loan.product", data.product());
        fields.put("loan.hotline", data.hotline());
        fields.put("loan.id", data.loanId());
        fields.put("loan.currency", data.currency());
        List<LintFinding> findings = new ArrayList<>();
        fields.forEach((field, value) -> {
            // A name is only ever shown masked, so an open-ended stem there finds nothing but real names (jail in
            // Jailene): in the name a Latin phrase must be a whole word.
            for (LintFinding f : scanValue(value, field.equals("borrower.name"))) {
                findings.add(new LintFinding(f.severity(), "BANNED_PHRASE_IN_DATA", f.phrase(), null, null,
                        f.category() + " in " + field, f.category(), field));
            }
        });
        return findings;
    }

    /**
     * A caller's values repeat from message to message (one creditor, product, hotline and currency for a whole wave),
     * so their findings are remembered per value, boundedly; this list set is immutable, so they cannot go stale.
     */
    private List<LintFinding> scanValue(String value, boolean wholeWords) {
        if (value == null || value.isEmpty()) return List.of();
        String key = (wholeWords ? 'w' : 'o') + value;
        List<LintFinding> known = scannedValues.get(key);
        if (known != null) return known;
        List<LintFinding> found = List.copyOf(scan(value, null, null, wholeWords));
        scannedValues.put(key, found);
        return found;
    }

    private final Recent<String, List<LintFinding>> scannedValues = new Recent<>(4_096);

    /** The form both sides of a match are compared in. */
    static String matchable(String text) {
        return ChineseScriptFolding.fold(Normalized.forMatching(text));
    }

    /** {@code phrase} at {@code at} in {@code text}, starting a word if it starts with a Latin letter (and ending one if asked). */
    private static boolean occursAt(String text, String phrase, int at, boolean wholeWords) {
        if (!text.startsWith(phrase, at)) return false;
        int end = at + phrase.length();
        boolean wordStart = isLatinLetter(phrase.charAt(0));
        boolean wordEnd = wholeWords && isLatinLetter(phrase.charAt(phrase.length() - 1));
        return (!wordStart || at == 0 || !isLatinLetter(text.charAt(at - 1)))
                && (!wordEnd || end == text.length() || !isLatinLetter(text.charAt(end)));
    }

    private static boolean isLatinLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    int size() {
        return entries.size();
    }

    List<Entry> entries() {
        return entries;
    }
}
