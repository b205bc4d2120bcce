package io.tixing.template;

import io.tixing.policy.BorrowerFlag;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/**
 * Sample borrowers for previews and load-time lint: a typical one per locale, and a worst case
 * (long name and creditor, 9,999,999.99, three-digit day counts) that every SMS must still fit
 * into three segments with.
 */
final class SampleData {

    private SampleData() {}

    /** A representative day count for a stage, so the sample reads like a real message of that stage. */
    static int daysFor(String stage) {
        return switch (stage == null ? "" : stage) {
            case "pre-due" -> -3;
            case "due-today" -> 0;
            case "overdue-mid" -> 15;
            case "overdue-late" -> 45;
            case "hardship" -> 20;
            default -> 3;
        };
    }

    /** The borrower a template is written for: the hardship offer for HARDSHIP, a variant for the flag it serves. */
    static Set<BorrowerFlag> flagsFor(TemplateManifest manifest) {
        Set<BorrowerFlag> flags = EnumSet.noneOf(BorrowerFlag.class);
        if ("hardship".equals(manifest.stage())) {
            flags.add(BorrowerFlag.HARDSHIP);
        }
        if (manifest.serves() != null) {
            flags.add(manifest.serves());
        }
        return flags;
    }

    static MessageData typical(String locale, int daysOverdue) {
        LocalDate due = LocalDate.of(2026, 11, 20);
        return switch (LocaleChain.canonical(locale)) {
            case "zh-CN" -> new MessageData("王小明", "示例银行", "个人消费贷", new BigDecimal("1234.50"), "CNY", due, daysOverdue, "95555", "L-77");
            case "zh-TW" -> new MessageData("林美玲", "示範銀行", "個人信用貸款", new BigDecimal("12345"), "TWD", due, daysOverdue, "0800-000-123", "L-78");
            case "zh-HK" -> new MessageData("陳大文", "示範銀行", "私人貸款", new BigDecimal("1234.50"), "HKD", due, daysOverdue, "2123 4567", "L-79");
            default -> new MessageData("John Smith", "Example Bank", "Personal Loan", new BigDecimal("1234.50"), "USD", due, daysOverdue, "1-800-555-0100", "L-80");
        };
    }

    static MessageData worstCase(String locale, int daysOverdue) {
        int days = daysOverdue < 0 ? -999 : (daysOverdue == 0 ? 0 : 999);
        LocalDate due = LocalDate.of(2026, 12, 31);
        BigDecimal most = new BigDecimal("9999999.99");
        return switch (LocaleChain.canonical(locale)) {
            case "zh-CN" -> new MessageData("欧阳娜娜娜娜", "示例消费金融股份有限公司", "个人消费信用贷款", most, "CNY", due, days, "400-888-8888", "L-0000000001");
            case "zh-TW" -> new MessageData("歐陽娜娜娜娜", "示範商業銀行股份有限公司", "個人信用貸款", most, "TWD", due, days, "0800-000-123", "L-0000000001");
            case "zh-HK" -> new MessageData("歐陽娜娜娜娜", "示範財務有限公司銀行部", "私人分期貸款", most, "HKD", due, days, "2123 4567 8", "L-0000000001");
            default -> new MessageData("Maximilian Alexander Fitzgerald-Worthington", "Example Consumer Finance Bank NA",
                    "Personal Installment Loan", most, "USD", due, days, "1-800-555-0100", "L-0000000001");
        };
    }
}
