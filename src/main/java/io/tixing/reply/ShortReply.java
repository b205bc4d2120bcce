package io.tixing.reply;

/**
 * The bound of a "short" free-text reply, in which a keyword counts as clearly meant ("please stop texting me").
 * Beyond it a keyword may be incidental ("…at the end of the month…"), so a match there is only ambiguous.
 * Words are runs between spaces after normalisation (a Chinese sentence is one word: the character bound covers it).
 */
public record ShortReply(int maxWords, int maxChars) {

    public static final ShortReply DEFAULT = new ShortReply(10, 40);

    public ShortReply {
        if (maxWords < 1 || maxChars < 1) throw new IllegalArgumentException("short reply bound must be at least 1 word and 1 character");
    }

    boolean admits(String matchText) {
        if (matchText.isEmpty()) return true;
        return matchText.split(" ").length <= maxWords && matchText.codePointCount(0, matchText.length()) <= maxChars;
    }
}
