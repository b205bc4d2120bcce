package io.tixing.reply;

/**
 * What a borrower's reply is taken to mean, for the conversation effects. Declaration order is precedence: when a
 * reply says several things, the first wins and the others are kept as {@link Classified#alsoSaid} for the person
 * who reads the case.
 *
 * <ol>
 *   <li>{@link #OPT_OUT} — a legal stop: nothing else in the reply may cause a contact the borrower refused.</li>
 *   <li>{@link #OPT_IN} — only ever a whole reply ("START"), so it never meets another intent.</li>
 *   <li>{@link #WRONG_NUMBER} — the writer is not the borrower: nothing else they say is the borrower's, and every
 *       further message to the number would reach a third party.</li>
 *   <li>{@link #DISPUTE} — collection stops until a person has looked (a promise "after you fix the amount" is no promise).</li>
 *   <li>{@link #HARDSHIP} — the protective plan wins over a promise made under it; the promise is still in the case.</li>
 *   <li>{@link #PROMISE_TO_PAY} — needs a date the classifier can resolve; a promise without one is {@link #UNKNOWN}.</li>
 *   <li>{@link #AGENT}, then {@link #UNKNOWN}: both go to a person.</li>
 * </ol>
 */
public enum Intent {
    OPT_OUT(null),
    OPT_IN(null),
    WRONG_NUMBER("wrong-number"),
    DISPUTE("dispute"),
    HARDSHIP("hardship"),
    PROMISE_TO_PAY("promise"),
    AGENT("agent"),
    UNKNOWN(null);

    private final String section;

    Intent(String section) { this.section = section; }

    /** The section of {@code intents.<locale>.txt} holding its phrases; null for intents read elsewhere. */
    String section() { return section; }
}
