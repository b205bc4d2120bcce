package io.tixing.policy;

/** Stand-in: jurisdiction, else locale. */
public final class RulePackSelector {
    private RulePackSelector() {}

    public static RulePack select(RulePacks packs, String jurisdiction, String phoneE164, String locale) {
        if (jurisdiction != null) return packs.get(jurisdiction);
        return switch (locale == null ? "" : locale) {
            case "zh-HK" -> packs.get("HK");
            case "zh-TW" -> packs.get("TW");
            case "en-US" -> packs.get("US");
            default -> packs.get("CN");
        };
    }
}
