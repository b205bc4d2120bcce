package io.tixing.template;

/**
 * How many SMS segments a text costs. GSM-7 when every character is in the GSM 03.38 default
 * alphabet or its extension table (extension characters cost two septets); otherwise UCS-2, counted
 * in UTF-16 code units, so a surrogate pair (emoji, rare CJK) costs two.
 *
 * @param encoding "GSM-7" or "UCS-2"
 * @param units    septets (GSM-7) or UTF-16 code units (UCS-2)
 * @param segments 1 for up to 160/70 units, else ceil(units / 153) or ceil(units / 67)
 */
public record SmsSegments(String encoding, int units, int segments) {

    public static final String GSM_7 = "GSM-7";
    public static final String UCS_2 = "UCS-2";

    private static final String GSM_BASIC =
            "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    public static SmsSegments of(String text) {
        String s = text == null ? "" : text;
        int septets = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                septets += 1;
            } else if (GSM_EXTENSION.indexOf(c) >= 0) {
                septets += 2; // escape + character
            } else {
                int units = s.length();
                return new SmsSegments(UCS_2, units, count(units, 70, 67));
            }
        }
        return new SmsSegments(GSM_7, septets, count(septets, 160, 153));
    }

    private static int count(int units, int single, int perPart) {
        if (units <= single) {
            return 1; // an empty message still costs one segment
        }
        return (units + perPart - 1) / perPart;
    }
}
