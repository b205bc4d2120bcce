package io.tixing.policy;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a cap is counted against. A cap may hold for several scopes at once (CN message caps: per borrower AND per
 * contact point); each scope is counted on its own and the strictest answer wins.
 */
public enum AttemptScope {
    /** Per destination (normalised number or email) across borrower ids and loans (CN: ≤ 6 dial attempts per contact point per day). */
    CONTACT_POINT,
    /** Per debt (US: ≤ 7 per debt in any rolling 7 days). */
    LOAN,
    /** Per borrower id, all debts (≤ 3 SMS per borrower per day, ≤ 3 conversations per debtor per day). */
    BORROWER;

    static AttemptScope parse(String text) {
        return switch (text) {
            case "contact-point" -> CONTACT_POINT;
            case "loan" -> LOAN;
            case "borrower" -> BORROWER;
            default -> throw new IllegalArgumentException("unknown cap scope '" + text + "' (borrower | contact-point | loan)");
        };
    }

    /** The key's name as the pack files write it. */
    public String key() { return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'); }

    static Set<AttemptScope> setOf(AttemptScope first, AttemptScope... rest) { return Set.copyOf(EnumSet.of(first, rest)); }

    static Set<AttemptScope> checked(Set<AttemptScope> scopes, String what) {
        if (scopes == null || scopes.isEmpty()) throw new IllegalArgumentException(what + " needs at least one scope");
        return Set.copyOf(EnumSet.copyOf(scopes));
    }
}
