package io.tixing.security;

/**
 * Masks contact points and names for logs and views (COMPLIANCE.md, Privacy): 138****8000, w***@example.com, 王**.
 * Only a caller with the {@code pii} right sees them unmasked.
 */
public final class Masking {

    private Masking() {}

    /** +8613800138000 → +86138****8000: keeps the country prefix shape, the first 3 and last 4 national digits. */
    public static String phone(String e164) {
        if (e164 == null || e164.isBlank()) return e164;
        StringBuilder kept = new StringBuilder(e164.length());
        for (int i = 0; i < e164.length(); i++) if (e164.charAt(i) >= '0' && e164.charAt(i) <= '9') kept.append(e164.charAt(i));
        String digits = kept.toString();
        if (digits.length() <= 7) return "*".repeat(digits.length());
        int keepEnd = 4;
        int keepStart = Math.min(digits.length() - keepEnd - 4, e164.startsWith("+") ? 5 : 3);
        keepStart = Math.max(keepStart, 1);
        return (e164.startsWith("+") ? "+" : "") + digits.substring(0, keepStart)
                + "*".repeat(digits.length() - keepStart - keepEnd) + digits.substring(digits.length() - keepEnd);
    }

    /** wang@example.com → w***@example.com. */
    public static String email(String address) {
        if (address == null || address.isBlank()) return address;
        int at = address.indexOf('@');
        if (at <= 0) return "***";
        return address.charAt(0) + "***" + address.substring(at);
    }

    /** A phone number or an email address, whichever {@code destination} is. */
    public static String destination(String destination) {
        if (destination == null) return null;
        return destination.contains("@") ? email(destination) : phone(destination);
    }

    /** 王小明 → 王**; John Smith → J*** S****. */
    public static String name(String name) {
        if (name == null || name.isBlank()) return name;
        String trimmed = name.strip();
        if (trimmed.codePoints().anyMatch(Character::isIdeographic)) {
            int first = trimmed.codePointAt(0);
            int rest = trimmed.codePointCount(0, trimmed.length()) - 1;
            return new String(Character.toChars(first)) + "*".repeat(Math.max(rest, 1));
        }
        StringBuilder out = new StringBuilder();
        for (String part : trimmed.split("\\s+")) {
            if (!out.isEmpty()) out.append(' ');
            out.append(part.charAt(0)).append("*".repeat(Math.max(part.length() - 1, 1)));
        }
        return out.toString();
    }
}
