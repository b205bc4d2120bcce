package io.tixing.policy;

/** Vulnerability flags a lender sets on a borrower; they change the contact plan, not only the words. */
public enum BorrowerFlag {
    ELDERLY, HARDSHIP, HEARING_IMPAIRED, VISION_IMPAIRED;

    /** Flags as the API carries them (already validated), null meaning none. */
    public static java.util.Set<BorrowerFlag> of(java.util.Collection<String> names) {
        java.util.Set<BorrowerFlag> flags = java.util.EnumSet.noneOf(BorrowerFlag.class);
        if (names != null) names.forEach(n -> flags.add(valueOf(n)));
        return flags;
    }
}
