package io.tixing.reply;

import io.tixing.reply.Recognized.Match;
import io.tixing.reply.ReplyKeywords.Keyword;
import io.tixing.reply.ReplyKeywords.Section;
import io.tixing.text.Normalized;

import java.util.Comparator;
import java.util.Optional;

/**
 * Reads a borrower's reply against the keyword lists of every language at once (a zh-CN borrower may answer STOP,
 * an en-US one 退订). Plain Java: text in, {@link Recognized} out.
 *
 * <ol>
 *   <li>The whole reply is a [keywords] or [whole-reply] keyword → that intent, clearly; an [ambiguous] one → that
 *       intent, flagged for review (only for intents that act on doubt).</li>
 *   <li>Otherwise, by intent precedence: a short reply ({@link ShortReply}) containing a [keywords] keyword → clear;
 *       containing an [ambiguous] one → flagged. A longer reply containing either → flagged. [whole-reply] keywords
 *       are never looked for inside a reply.</li>
 * </ol>
 * Latin keywords match whole words only; Chinese ones anywhere. Of several matches the longest keyword is reported.
 */
public final class ReplyRecognizer {

    private static final Comparator<Keyword> LONGEST = Comparator.comparingInt((Keyword k) -> k.matchText().length());

    private final ReplyKeywords keywords;
    private final ShortReply shortReply;

    public ReplyRecognizer(ReplyKeywords keywords, ShortReply shortReply) {
        this.keywords = keywords;
        this.shortReply = shortReply;
    }

    public Recognized recognize(String reply) {
        String normalized = Normalized.reply(reply);
        String text = MatchText.of(reply);
        if (text.isEmpty()) return Recognized.nothing(normalized);
        for (ReplyIntent intent : ReplyIntent.values()) {
            Optional<Keyword> whole = keywords.of(intent).stream()
                    .filter(k -> k.section() != Section.AMBIGUOUS && k.matchText().equals(text)).findFirst();
            if (whole.isPresent()) return found(whole.get(), Match.WHOLE_REPLY, normalized, false);
        }
        boolean isShort = shortReply.admits(text);
        for (ReplyIntent intent : ReplyIntent.values()) {
            if (isShort) {
                Optional<Keyword> clear = longestIn(text, intent, Section.KEYWORDS);
                if (clear.isPresent()) return found(clear.get(), Match.IN_SHORT_REPLY, normalized, false);
            }
            if (!intent.actsOnDoubt()) continue;
            Optional<Keyword> doubtful = longestIn(text, intent, Section.AMBIGUOUS);
            if (!isShort && doubtful.isEmpty()) doubtful = longestIn(text, intent, Section.KEYWORDS);
            if (doubtful.isPresent()) {
                Match how = doubtful.get().matchText().equals(text) ? Match.WHOLE_REPLY : isShort ? Match.IN_SHORT_REPLY : Match.IN_LONG_REPLY;
                return found(doubtful.get(), how, normalized, true);
            }
        }
        return Recognized.nothing(normalized);
    }

    private Optional<Keyword> longestIn(String text, ReplyIntent intent, Section section) {
        return keywords.of(intent).stream().filter(k -> k.section() == section && contains(text, k.matchText())).max(LONGEST);
    }

    private static Recognized found(Keyword k, Match how, String normalized, boolean review) {
        return new Recognized(k.intent(), how, k.written(), k.list(), normalized, review);
    }

    /** {@code keyword} occurs in {@code text}, not glued to a letter or digit of a spaced script on a Latin edge. */
    static boolean contains(String text, String keyword) {
        for (int at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + 1)) {
            int end = at + keyword.length();
            boolean startsClean = !MatchText.isWordChar(keyword.codePointAt(0)) || at == 0 || !MatchText.isWordChar(text.codePointBefore(at));
            boolean endsClean = !MatchText.isWordChar(keyword.codePointBefore(keyword.length())) || end == text.length()
                    || !MatchText.isWordChar(text.codePointAt(end));
            if (startsClean && endsClean) return true;
        }
        return false;
    }
}
