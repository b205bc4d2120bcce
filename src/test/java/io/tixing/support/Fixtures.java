package io.tixing.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request bodies as mutable JSON maps, so a test can break exactly one field. */
public final class Fixtures {

    public static final String ADMIN_KEY = "test-admin-key-for-tests-only-not-a-secret";

    private Fixtures() {}

    private static final java.util.concurrent.atomic.AtomicInteger NEXT_NUMBER = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A fresh mobile number per fixture: caps count per contact point across borrower ids, so tests sharing the
     * database must not share a handset. The masked form stays the same (+86138****8000, +8869****5678,
     * +852****4567, +120****1111): only the hidden middle digits change.
     */
    public static String freshPhone(String jurisdiction) {
        var phones = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();
        while (true) {
            int n = NEXT_NUMBER.getAndIncrement();
            String candidate = switch (jurisdiction == null ? "CN" : jurisdiction) {
                case "TW" -> "+8869" + String.format("%04d", n % 10_000) + "5678";
                case "HK" -> "+8529" + String.format("%03d", n % 1_000) + "4567";
                case "US" -> "+1202" + (200 + n % 800) + "1111";
                // from 0100: +8613800138000, the number tests and examples spell out, is never handed out
                default -> "+86138" + String.format("%04d", 100 + n % 9_900) + "8000";
            };
            try {
                var number = phones.parse(candidate, null);
                var type = phones.getNumberType(number);
                if (phones.isValidNumber(number) && (type == com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType.MOBILE
                        || type == com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType.FIXED_LINE_OR_MOBILE)) return candidate;
            } catch (com.google.i18n.phonenumbers.NumberParseException e) {
                // not a number in that plan: try the next one
            }
        }
    }

    /** A fresh mailbox per fixture (masked: w***@example.com), for the same reason as {@link #freshPhone}. */
    public static String freshEmail() { return "wang" + NEXT_NUMBER.getAndIncrement() + "@example.com"; }

    /** The PRODUCT.md example, with fresh ids so tests never see each other's borrowers. */
    public static Map<String, Object> aReminder() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> borrower = new LinkedHashMap<>();
        borrower.put("id", "B-" + suffix);
        borrower.put("name", "王小明");
        borrower.put("locale", "zh-CN");
        borrower.put("timezone", "Asia/Shanghai");
        borrower.put("jurisdiction", "CN");
        borrower.put("phone", freshPhone("CN"));
        borrower.put("email", freshEmail());
        borrower.put("flags", new ArrayList<>(List.of()));
        Map<String, Object> loan = new LinkedHashMap<>();
        loan.put("id", "L-" + suffix);
        loan.put("creditor", "示例银行");
        loan.put("product", "个人消费贷");
        loan.put("amountDue", "1234.50");
        loan.put("currency", "CNY");
        loan.put("dueDate", "2026-11-20");
        loan.put("daysOverdue", 3);
        loan.put("riskTier", "LOW");
        loan.put("hotline", "95555");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", "req-" + suffix);
        body.put("borrower", borrower);
        body.put("loan", loan);
        body.put("template", "overdue-reminder");
        body.put("channels", new ArrayList<>(List.of("SMS")));
        body.put("channelStrategy", "FIRST_ALLOWED");
        body.put("notAfter", "2026-12-25T14:00:00Z");
        return body;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> borrower(Map<String, Object> reminder) { return (Map<String, Object>) reminder.get("borrower"); }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> loan(Map<String, Object> reminder) { return (Map<String, Object>) reminder.get("loan"); }
}
