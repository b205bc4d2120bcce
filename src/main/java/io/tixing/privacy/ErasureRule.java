package io.tixing.privacy;

/**
 * What a rule pack says about a borrower's request to erase their personal information (PIPL art. 47 and its
 * equivalents), as {@code erasure:} in {@code rulepacks/*.yaml}. These are defaults for compliance to confirm,
 * not legal advice: see docs/CONTACT-LOG.md, "Erasure requests".
 */
public enum ErasureRule {
    /** Erase the raw data on request. */
    ALLOWED("allowed"),
    /** Erase once nothing is open: no reminder still in progress, no active enrollment, no staged wave line. */
    ALLOWED_AFTER_SETTLEMENT("allowed-after-settlement"),
    /** Record-keeping law requires the records for the retention period: refuse while any entry is inside it. */
    REFUSED_WITHIN_RETENTION("refused-within-retention");

    private final String yaml;

    ErasureRule(String yaml) { this.yaml = yaml; }

    public String yaml() { return yaml; }

    public static ErasureRule parse(String text, String source) {
        for (ErasureRule r : values()) if (r.yaml.equals(text)) return r;
        throw new IllegalArgumentException(source + ": erasure must be one of allowed, allowed-after-settlement, refused-within-retention, not '" + text + "'");
    }
}
