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

    /** The PRODUCT.md example, with fresh ids so tests never see each other's borrowers. */
    public static Map<String, Object> aReminder() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> borrower = new LinkedHashMap<>();
        borrower.put("id", "B-" + suffix);
        borrower.put("name", "王小明");
        borrower.put("locale", "zh-CN");
        borrower.put("timezone", "Asia/Shanghai");
        borrower.put("jurisdiction", "CN");
        borrower.put("phone", "+8613800138000");
        borrower.put("email", "wang@example.com");
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
