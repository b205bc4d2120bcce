package io.tixing.reply;

import io.tixing.text.Normalized;

/**
 * The form in which replies and keywords are compared: {@link Normalized#reply} (NFKC, no format characters,
 * case-folded, no punctuation/emoji/space at the ends), then every inner punctuation mark or symbol read as a space,
 * so "opt-out", "opt out" and "OPT OUT!" meet, and "不要再发了。谢谢" still contains 不要再发.
 */
final class MatchText {

    private MatchText() {}

    static String of(String text) {
        String reply = Normalized.reply(text);
        StringBuilder out = new StringBuilder(reply.length());
        reply.codePoints().forEach(cp -> out.appendCodePoint(isSeparator(cp) ? ' ' : cp));
        return out.toString().replaceAll(" +", " ").strip();
    }

    /**
     * A letter or digit of a script written with spaces between words. Latin keywords match whole words only
     * ("weekend" does not contain END), while Chinese keywords match anywhere ("不要再发了" contains 不要再发).
     */
    static boolean isWordChar(int cp) {
        if (!Character.isLetterOrDigit(cp)) return false;
        return switch (Character.UnicodeScript.of(cp)) {
            case HAN, HIRAGANA, KATAKANA, HANGUL, BOPOMOFO -> false;
            default -> true;
        };
    }

    private static boolean isSeparator(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) return true;
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                 Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL, Character.SURROGATE -> true;
            default -> false;
        };
    }
}
