package io.tixing.wave;

import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.support.Fixtures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Wave bodies as mutable JSON maps, with fresh borrower ids so tests sharing the database never meet. */
final class WaveFixtures {

    private WaveFixtures() {}

    static String fresh() { return UUID.randomUUID().toString().substring(0, 8); }

    /** A recipient living in {@code zone}, with the locale, jurisdiction and phone that go with it. */
    static Map<String, Object> recipient(String borrowerId, String zone) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("id", borrowerId);
        b.put("name", "王小明");
        switch (zone) {
            // A fresh handset per recipient: caps count per contact point across borrower ids.
            case "Asia/Taipei" -> b.putAll(Map.of("locale", "zh-TW", "jurisdiction", "TW", "phone", Fixtures.freshPhone("TW")));
            case "Asia/Hong_Kong" -> b.putAll(Map.of("locale", "zh-HK", "jurisdiction", "HK", "phone", Fixtures.freshPhone("HK")));
            case "America/New_York" -> b.putAll(Map.of("locale", "en-US", "jurisdiction", "US", "phone", Fixtures.freshPhone("US")));
            default -> b.putAll(Map.of("locale", "zh-CN", "jurisdiction", "CN", "phone", Fixtures.freshPhone("CN")));
        }
        b.put("timezone", zone);
        b.put("email", Fixtures.freshEmail());
        Map<String, Object> loan = new LinkedHashMap<>();
        loan.put("id", "L-" + borrowerId);
        loan.put("creditor", "示例银行");
        loan.put("amountDue", "1234.50");
        loan.put("currency", "CNY");
        loan.put("dueDate", "2026-11-20");
        loan.put("daysOverdue", 3);
        loan.put("hotline", "95555");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("borrower", b);
        r.put("loan", loan);
        return r;
    }

    static Map<String, Object> wave(Map<String, Object> start, List<Map<String, Object>> recipients) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("name", "D-3 pre-due " + fresh());
        w.put("template", "overdue-reminder");
        w.put("channels", new ArrayList<>(List.of("SMS")));
        w.put("channelStrategy", "FIRST_ALLOWED");
        w.put("start", start);
        w.put("notAfter", "2026-12-31T00:00:00Z");
        if (recipients != null) w.put("recipients", recipients);
        return w;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> borrowerOf(Map<String, Object> recipient) { return (Map<String, Object>) recipient.get("borrower"); }

    /** How many messages the sandbox provider took for a borrower. */
    static int sandboxMessages(Database db, String borrowerId) {
        return db.read(c -> {
            try (var ps = Sql.prepare(c, "SELECT count(*) FROM sandbox_message s JOIN attempt a ON a.id = s.attempt_id WHERE a.borrower_id = ?",
                    borrowerId); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** The borrower-local time of the borrower's ATTEMPT entries in the contact log. */
    static List<String> attemptLocalTimes(Database db, String borrowerId) {
        return db.read(c -> {
            try (var ps = Sql.prepare(c, "SELECT local_time FROM contact_log WHERE borrower_id = ? AND kind = 'ATTEMPT' ORDER BY seq", borrowerId);
                 var rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) out.add(rs.getString(1));
                return out;
            }
        });
    }
}
