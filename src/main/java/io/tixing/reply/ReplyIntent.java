package io.tixing.reply;

import java.util.Optional;

/**
 * What a borrower's reply asks for. Declaration order is precedence: when a reply matches several intents the first
 * wins, so a reply that contains both a stop and a start word opts out (the safe side).
 *
 * <p>An intent with a keyword file has one per locale: {@code <file>.<locale>.txt}. {@link #actsOnDoubt} says what
 * an ambiguous match does: an opt-out acts and is flagged for a person (stopping on a guess can never be an
 * unlawful contact); an opt-in never acts on a guess (re-subscribing on a guess could be).
 */
public enum ReplyIntent {
    OPT_OUT("opt-out", true),
    OPT_IN("opt-in", false),
    /** Nothing recognised: an ordinary reply. */
    OTHER(null, false);

    private final String file;
    private final boolean actsOnDoubt;

    ReplyIntent(String file, boolean actsOnDoubt) {
        this.file = file;
        this.actsOnDoubt = actsOnDoubt;
    }

    /** The keyword file's base name, e.g. {@code opt-out} for {@code replies/opt-out.zh-CN.txt}; empty for OTHER. */
    public Optional<String> file() { return Optional.ofNullable(file); }

    /** True when an ambiguous match still counts (and is flagged for review); false when it is ignored. */
    public boolean actsOnDoubt() { return actsOnDoubt; }
}
