package io.tixing.reply;

/**
 * What the recognizer made of one reply, for the consent change and for the contact log.
 *
 * @param intent      what the reply asks for ({@link ReplyIntent#OTHER} when nothing was recognised)
 * @param match       how the keyword was found
 * @param keyword     the keyword as written in its file (null for OTHER)
 * @param list        the file it came from, e.g. {@code opt-out.zh-CN} (null for OTHER)
 * @param normalized  the reply after {@link io.tixing.text.Normalized#reply}, as matched
 * @param needsReview an ambiguous match that was acted on: a person should look at it (a worklist finds it)
 */
public record Recognized(ReplyIntent intent, Match match, String keyword, String list, String normalized, boolean needsReview) {

    /** How the keyword was found in the reply. */
    public enum Match {
        /** The reply is the keyword (after normalisation). */
        WHOLE_REPLY,
        /** A short reply (within the configured bound) contains the keyword. */
        IN_SHORT_REPLY,
        /** A longer reply contains the keyword: always ambiguous. */
        IN_LONG_REPLY,
        NONE
    }

    static Recognized nothing(String normalized) {
        return new Recognized(ReplyIntent.OTHER, Match.NONE, null, null, normalized, false);
    }

    /** One line for the contact log: {@code intent=OPT_OUT; keyword=stop; match=IN_SHORT_REPLY; review=no; normalized=…}. */
    public String describe() {
        return "intent=" + intent + (keyword == null ? "" : "; keyword=" + keyword + "; list=" + list) + "; match=" + match
                + "; review=" + (needsReview ? "needed" : "no") + "; normalized=" + normalized;
    }
}
