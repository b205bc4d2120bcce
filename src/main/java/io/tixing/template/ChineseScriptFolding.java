package io.tixing.template;

import java.util.Locale;

/**
 * Folds Traditional characters to Simplified (and lower-cases Latin text) so one banned-phrase
 * entry matches both scripts: 傳票 and 传票 both become 传票. The map is deliberately small — it
 * covers the characters of the shipped lint lists; compliance adds a pair here, or simply lists
 * both forms in the list file, when a new phrase needs a character that is missing.
 */
final class ChineseScriptFolding {

    private static final String TRADITIONAL = "經偵檢傳書門斷著賴騙臉訊錄聯繫係給領導掛網報單徵戶緝凍結銀響學參軍債還貸現費個賬帳處碼轟為後負這剎殺槍錢號類將們說會當對與頭來總電話罰違際訴見讓";
    private static final String SIMPLIFIED  = "经侦检传书门断着赖骗脸讯录联系系给领导挂网报单征户缉冻结银响学参军债还贷现费个账账处码轰为后负这刹杀枪钱号类将们说会当对与头来总电话罚违际诉见让";

    /** Indexed by char: every rendered message is folded, and a table lookup costs no boxing. */
    private static final char[] TO_SIMPLIFIED = new char[Character.MAX_VALUE + 1];

    static {
        if (TRADITIONAL.length() != SIMPLIFIED.length()) {
            throw new IllegalStateException("script folding table is misaligned");
        }
        for (int c = 0; c <= Character.MAX_VALUE; c++) TO_SIMPLIFIED[c] = (char) c;
        for (int i = 0; i < TRADITIONAL.length(); i++) {
            TO_SIMPLIFIED[TRADITIONAL.charAt(i)] = SIMPLIFIED.charAt(i);
        }
    }

    private ChineseScriptFolding() {}

    static String fold(String text) {
        char[] out = text.toLowerCase(Locale.ROOT).toCharArray();
        for (int i = 0; i < out.length; i++) out[i] = TO_SIMPLIFIED[out[i]];
        return new String(out);
    }
}
