package io.tixing.reply;

import java.time.LocalDate;
import java.util.List;

/**
 * What the classifier made of one reply.
 *
 * @param intent        the winning intent (see {@link Intent} for precedence)
 * @param rule          the rule that matched, as the contact log shows it: {@code dispute.zh-CN:不是我借的},
 *                      {@code opt-out.en-US:STOP}, {@code promise.zh-CN:还+date(周五)} or {@code none}
 * @param promisedDate  for {@link Intent#PROMISE_TO_PAY}: the date, on the borrower's calendar; else null
 * @param alsoSaid      lower-precedence intents the reply also matched (a person reading the case sees them)
 * @param optOut        the opt-out recognizer's reading (OPT_OUT/OPT_IN come from it unchanged)
 * @param normalized    the reply as matched
 */
public record Classified(Intent intent, String rule, LocalDate promisedDate, List<Intent> alsoSaid, Recognized optOut,
                         String normalized) {

    public Classified {
        alsoSaid = List.copyOf(alsoSaid);
    }

    /** One line for the contact log. */
    public String describe() {
        return "intent=" + intent + "; rule=" + rule + (promisedDate == null ? "" : "; promisedDate=" + promisedDate)
                + (alsoSaid.isEmpty() ? "" : "; alsoSaid=" + alsoSaid)
                + (intent == Intent.OPT_OUT || intent == Intent.OPT_IN ? "; " + optOut.describe() : "; normalized=" + normalized);
    }
}
