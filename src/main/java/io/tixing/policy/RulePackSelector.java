package io.tixing.policy;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import java.util.Locale;

/**
 * Chooses the rule pack for a borrower: the request's {@code jurisdiction} if given (an unknown one is an error,
 * never silently replaced); else, when there is a phone number, its region (libphonenumber: +86 → CN, +852 → HK,
 * +886 → TW, +1 US → US) — and a region with no pack (+44, a Canadian or Guam +1, a number that cannot be parsed)
 * is {@link RulePacks#strictest()}, never the locale's pack: an en-US locale says which language the borrower reads,
 * not which law protects a handset in London or Toronto. Only with no phone at all does the locale's country decide
 * (zh-CN → CN, zh-HK → HK, zh-TW → TW, en-US → US).
 *
 * <p>When none of these names a known pack, no single pack is safe: picking US would allow 8:00 and 21:00 calls that
 * HK forbids, picking CN would allow 7 calls a week that US forbids. So the fallback is {@link RulePacks#strictest()},
 * every pack's strictest value at once (window 09:00–21:00, lowest caps, 3 conversations per rolling week, 7-day
 * cooldown, all dial-attempt caps, longest retention). Whatever law applies, that pack keeps within it.
 */
public final class RulePackSelector {

    private RulePackSelector() {}

    public static RulePack select(RulePacks packs, String jurisdiction, String phoneE164, String locale) {
        if (jurisdiction != null && !jurisdiction.isBlank()) return packs.get(jurisdiction.trim().toUpperCase(Locale.ROOT));
        if (phoneE164 != null && !phoneE164.isBlank()) {
            String region = phoneRegion(phoneE164);
            return packs.has(region) ? packs.get(region) : packs.strictest();
        }
        String country = locale == null || locale.isBlank() ? null : Locale.forLanguageTag(locale.trim().replace('_', '-')).getCountry();
        if (packs.has(country)) return packs.get(country);
        return packs.strictest();
    }

    /** The ISO region of an E.164 number, or null if there is none or it cannot be parsed. */
    static String phoneRegion(String phoneE164) {
        if (phoneE164 == null || phoneE164.isBlank()) return null;
        try {
            PhoneNumberUtil util = PhoneNumberUtil.getInstance();
            return util.getRegionCodeForNumber(E164.parse(phoneE164.trim()));
        } catch (NumberParseException e) {
            return null;
        }
    }
}
