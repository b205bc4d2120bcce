package io.tixing.template;

import java.util.List;
import java.util.Locale;

/**
 * Which template locale to try, in order. Hong Kong falls back to Taiwan (both Traditional), then
 * to the mainland, then English: zh-HK → zh-TW → zh-CN → en-US. A fallback is used only when the
 * requested locale's file is missing, and the result says so.
 */
final class LocaleChain {

    static final List<String> ORDER = List.of("zh-HK", "zh-TW", "zh-CN", "en-US");

    private LocaleChain() {}

    /** zh_hk, ZH-HK, zh-Hant-HK → zh-HK; zh-MO → zh-HK; zh-Hant → zh-TW; other zh → zh-CN; anything else → en-US. */
    static String canonical(String locale) {
        if (locale == null || locale.isBlank()) {
            return "en-US";
        }
        String l = locale.strip().replace('_', '-').toLowerCase(Locale.ROOT);
        if (!l.startsWith("zh")) {
            return "en-US";
        }
        if (l.endsWith("-hk") || l.endsWith("-mo")) {
            return "zh-HK";
        }
        if (l.endsWith("-tw") || l.equals("zh-hant")) {
            return "zh-TW";
        }
        return "zh-CN";
    }

    static List<String> chainFor(String requestedLocale) {
        return ORDER.subList(ORDER.indexOf(canonical(requestedLocale)), ORDER.size());
    }

    /** The rule pack whose required elements apply when the caller gives none. */
    static String packFor(String locale) {
        return switch (canonical(locale)) {
            case "zh-CN" -> "CN";
            case "zh-TW" -> "TW";
            case "zh-HK" -> "HK";
            default -> "US";
        };
    }
}
