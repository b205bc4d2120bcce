package io.tixing.text;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Text as a person reads it, for matching: what the borrower sees must be what the gateway checks.
 *
 * <p>{@link #forMatching} applies Unicode NFKC (full-width ＰＯＬＩＣＥ → POLICE, ＴＤ → TD, compatibility forms),
 * removes every format character (category Cf: zero-width space/joiner/non-joiner, soft hyphen, bidi controls,
 * BOM) and case-folds. A banned phrase or an opt-out keyword hidden with 曝\u200b光 or 通\u200d讯录 is then found.
 * It never translates scripts: Simplified/Traditional folding stays with the lists that need it.
 */
public final class Normalized {

    private Normalized() {}

    /** NFKC, without format characters, case-folded; null stays null. */
    public static String forMatching(String text) {
        if (text == null) return null;
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(nfkc.length());
        for (int i = 0; i < nfkc.length(); ) {
            int cp = nfkc.codePointAt(i);
            if (Character.getType(cp) != Character.FORMAT) out.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        // Case-fold twice through upper then lower so that e.g. 'ſ' and 'K' (Kelvin) meet their ASCII letters.
        return out.toString().toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /**
     * {@link #forMatching}, then without punctuation, symbols (emoji included) and white space at both ends, and with
     * inner runs of white space as one space: "  Stop. 🙏" → "stop", "退订。" → "退订".
     */
    public static String reply(String text) {
        if (text == null) return "";
        String folded = forMatching(text);
        int start = 0, end = folded.length();
        while (start < end && isTrim(folded.codePointAt(start))) start += Character.charCount(folded.codePointAt(start));
        while (end > start && isTrim(folded.codePointBefore(end))) end -= Character.charCount(folded.codePointBefore(end));
        return folded.substring(start, end).replaceAll("\\s+", " ");
    }

    private static boolean isTrim(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) return true;
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                 Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL, Character.SURROGATE, Character.NON_SPACING_MARK,
                 Character.ENCLOSING_MARK -> true;
            default -> false;
        };
    }
}
