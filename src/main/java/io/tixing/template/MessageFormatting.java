package io.tixing.template;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;

/**
 * Money, dates and names as borrowers read them. Done in Java, not in the templates, so every
 * template of every locale shows the same amount the same way.
 */
public final class MessageFormatting {

    private static final DateTimeFormatter CHINESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.US);

    private MessageFormatting() {}

    /**
     * By currency, not by locale: an en-US template showing a Taiwan loan still says NT$.
     * TWD is shown without decimals (rounded half up), as Taiwan lenders print it. Any other currency gets the
     * decimals {@link Currency#getDefaultFractionDigits()} gives it (JPY and KRW none, BHD three): a yen amount with
     * sen in it is not an amount anyone can pay. JPY is JP¥, because ¥ alone is the yuan here.
     */
    public static String money(BigDecimal amount, String currency) {
        if (amount == null) {
            return "";
        }
        String code = currency == null ? "" : currency.trim().toUpperCase(Locale.ROOT);
        return switch (code) {
            case "CNY", "RMB" -> "¥" + grouped(amount, 2);
            case "TWD", "NTD" -> "NT$" + grouped(amount, 0);
            case "HKD" -> "HK$" + grouped(amount, 2);
            case "USD" -> "$" + grouped(amount, 2);
            case "JPY" -> "JP¥" + grouped(amount, 0);
            default -> (code.isEmpty() ? "" : code + " ") + grouped(amount, fractionDigits(code));
        };
    }

    private static int fractionDigits(String code) {
        try {
            int digits = Currency.getInstance(code).getDefaultFractionDigits();
            return digits < 0 ? 2 : digits; // -1: a pseudo-currency (XAU…); two decimals as before
        } catch (IllegalArgumentException | NullPointerException e) {
            return 2;
        }
    }

    /** 2026年11月20日 for every Chinese locale, Nov 20, 2026 otherwise. */
    public static String date(LocalDate date, String locale) {
        if (date == null) {
            return "";
        }
        return isChinese(locale) ? CHINESE_DATE.format(date) : US_DATE.format(date);
    }

    /**
     * The only form of the borrower's name a template ever sees (identity is not yet confirmed on
     * any channel, and a lock screen or a shared inbox may show the message to others):
     * Chinese names keep the surname character (王小明 → 王**); Latin names keep each word's
     * initial (John Smith → J*** S****). One star per hidden character keeps the length honest.
     */
    public static String maskName(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        String trimmed = name.strip();
        if (trimmed.codePoints().anyMatch(MessageFormatting::isHan)) {
            int first = trimmed.offsetByCodePoints(0, 1);
            int hidden = trimmed.codePointCount(first, trimmed.length());
            return trimmed.substring(0, first) + "*".repeat(hidden);
        }
        StringBuilder out = new StringBuilder();
        for (String word : trimmed.split("\\s+")) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            int first = word.offsetByCodePoints(0, 1);
            out.append(word, 0, first).append("*".repeat(word.codePointCount(first, word.length())));
        }
        return out.toString();
    }

    /**
     * What a voice robot says before identity is confirmed: a masked name read aloud is noise
     * ("王 star star"), so speech uses the surname (王) or the initials (J. S.).
     */
    public static String initials(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        String trimmed = name.strip();
        if (trimmed.codePoints().anyMatch(MessageFormatting::isHan)) {
            return trimmed.substring(0, trimmed.offsetByCodePoints(0, 1));
        }
        StringBuilder out = new StringBuilder();
        for (String word : trimmed.split("\\s+")) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(word, 0, word.offsetByCodePoints(0, 1)).append('.');
        }
        return out.toString();
    }

    /**
     * How the voice robot addresses the callee before identity is confirmed, in the polite form the voice templates
     * use: 王姓客户 (zh-CN), 王先生或王小姐 (zh-TW), 王先生或者王小姐 (zh-HK); initials for a Latin name ("J. S.") in
     * every locale. Works on the full name and on the masked one (王**, J*** S****): only each word's first character
     * is used, and stars are never spoken. No name: "the account holder" / 机主.
     */
    public static String spokenName(String name, String locale) {
        String bare = name == null ? "" : name.replace("*", " ").strip();
        String canonical = LocaleChain.canonical(locale);
        if (bare.isEmpty()) {
            return switch (canonical) {
                case "zh-CN" -> "机主";
                case "zh-TW", "zh-HK" -> "機主";
                default -> "the account holder";
            };
        }
        if (!bare.codePoints().anyMatch(MessageFormatting::isHan)) {
            return initials(bare);
        }
        String surname = bare.substring(0, bare.offsetByCodePoints(0, 1));
        return switch (canonical) {
            case "zh-CN" -> surname + "姓客户";
            case "zh-TW" -> surname + "先生或" + surname + "小姐";
            case "zh-HK" -> surname + "先生或者" + surname + "小姐";
            default -> surname;
        };
    }

    static boolean isChinese(String locale) {
        return locale != null && locale.toLowerCase(Locale.ROOT).startsWith("zh");
    }

    private static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }

    /**
     * 1,234.50: the amount rounded half up to {@code decimals}, its integer part grouped by thousands. Written out rather
     * than with a DecimalFormat, which is not thread-safe and so was built anew for every message (2 % of dispatch).
     */
    static String grouped(BigDecimal amount, int decimals) {
        String plain = amount.setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        int start = plain.startsWith("-") ? 1 : 0;
        int point = plain.indexOf('.');
        int end = point < 0 ? plain.length() : point;
        StringBuilder out = new StringBuilder(plain.length() + (end - start) / 3);
        out.append(plain, 0, start);
        for (int i = start; i < end; i++) {
            if (i > start && (end - i) % 3 == 0) out.append(',');
            out.append(plain.charAt(i));
        }
        return out.append(plain, end, plain.length()).toString();
    }
}
