package io.tixing.privacy;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.contactlog.ContactLogWriter;
import io.tixing.contactlog.RetentionPurge;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.EmbeddedPostgresResource;
import io.tixing.support.Fixtures;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

import static io.tixing.support.Fixtures.borrower;
import static io.tixing.support.Fixtures.loan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class PersonalDataRetentionTest {

    @Inject DispatchWorker worker;
    @Inject TestClock clock;
    @Inject RetentionPurge purge;

    static String submitter, compliance;

    @BeforeEach
    void setUp() {
        clock.reset();
        worker.drain();
        if (submitter == null) submitter = Api.keyWith("privacy-submitter", "submitter");
        if (compliance == null) compliance = Api.keyWith("privacy-compliance", "compliance");
    }

    @AfterEach
    void resetClock() { clock.reset(); }

    @Test
    void past_retention_no_table_holds_the_borrowers_phone_email_or_name() throws Exception {
        var body = cnReminderByTextAndEmail();
        Api.submit(submitter, body).statusCode(202);
        worker.drain();
        assertThat(columnsHolding(body)).as("the raw copies this test expects to see go")
                .contains("borrower.name", "borrower.phone", "borrower.email", "reminder.request", "attempt.destination",
                        "attempt.contact_point", "sandbox_message.destination");
        String borrowerId = borrower(body).get("id").toString();
        assertThat(messagesKept(borrowerId)).as("message bodies as sent (attempt and sandbox)").isGreaterThanOrEqualTo(4);

        clock.set(Instant.parse("2031-11-24T02:00:00Z")); // five years and a day on: past the CN pack's retention
        purge.purge(null);

        assertThat(columnsHolding(body)).isEmpty();
        assertThat(messagesKept(borrowerId)).isZero();
        Api.as(compliance).queryParam("chainId", ContactLogWriter.chainOf(borrowerId)).get("/api/v1/contact-log/verify").then()
                .body("status", equalTo("OK"));
        Api.as(compliance).queryParam("kind", "AUDIT").queryParam("outcome", "REDACT")
                .queryParam("from", "2031-11-24T00:00:00Z").queryParam("to", "2031-11-25T00:00:00Z")
                .get("/api/v1/contact-log").then().body("entries[0].detail", containsString("reminders"));
    }

    @Test
    void raw_data_follows_each_pack_so_a_us_borrower_goes_after_three_years_and_a_cn_borrower_stays() throws Exception {
        var cn = cnReminderByTextAndEmail();
        Api.submit(submitter, cn).statusCode(202);
        worker.drain();
        var us = usReminder();
        clock.setLocal("2026-11-23T10:00", "America/New_York");
        Api.submit(submitter, us).statusCode(202);
        worker.drain();
        assertThat(columnsHolding(us)).contains("attempt.destination", "borrower.phone");

        clock.set(Instant.parse("2028-11-24T15:00:00Z")); // two years on: inside every pack's retention
        purge.purge(null);
        assertThat(columnsHolding(us)).contains("attempt.destination", "borrower.phone", "reminder.request");

        clock.set(Instant.parse("2029-11-25T15:00:00Z")); // three years and a day: past US, inside CN
        purge.purge(null);
        assertThat(columnsHolding(us)).isEmpty();
        assertThat(columnsHolding(cn)).contains("borrower.phone", "reminder.request", "attempt.destination", "sandbox_message.destination");
        assertThat(messagesKept(borrower(cn).get("id").toString())).isGreaterThanOrEqualTo(4);
        assertThat(messagesKept(borrower(us).get("id").toString())).isZero();
    }

    @Test
    void a_settled_borrower_is_erased_on_request_and_the_request_is_recorded_in_the_log() throws Exception {
        var body = cnReminderByTextAndEmail();
        Api.submit(submitter, body).statusCode(202);
        worker.drain();
        String borrowerId = borrower(body).get("id").toString();

        Api.as(compliance).post("/api/v1/borrowers/{id}/erasure", borrowerId).then().statusCode(200)
                .body("erased", equalTo(true)).body("rule", equalTo("CN.erasure=allowed-after-settlement"))
                .body("redacted.reminders", equalTo(1)).body("redacted.borrowers", equalTo(1));

        assertThat(columnsHolding(body)).isEmpty();
        Api.as(compliance).queryParam("borrowerId", borrowerId).queryParam("kind", "LIFECYCLE").get("/api/v1/contact-log").then()
                .body("entries[0].outcome", equalTo("ERASED")).body("entries[0].actor", equalTo("privacy-compliance"))
                .body("entries[0].destination", org.hamcrest.Matchers.nullValue());
        Api.as(compliance).queryParam("chainId", ContactLogWriter.chainOf(borrowerId)).get("/api/v1/contact-log/verify").then()
                .body("status", equalTo("OK"));
        // The masked record of the contacts stays for its retention.
        Api.as(compliance).queryParam("borrowerId", borrowerId).queryParam("kind", "ATTEMPT").get("/api/v1/contact-log").then()
                .body("entries.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    }

    @Test
    void facts_that_come_back_after_an_erasure_follow_retention_again() throws Exception {
        var body = cnReminderByTextAndEmail();
        Api.submit(submitter, body).statusCode(202);
        worker.drain();
        String borrowerId = borrower(body).get("id").toString();
        Api.as(compliance).post("/api/v1/borrowers/{id}/erasure", borrowerId).then().statusCode(200);

        var again = cnReminderByTextAndEmail();
        again.put("borrower", body.get("borrower")); // the lender sends the same borrower again, name and all
        clock.set(Instant.parse("2026-11-24T02:00:00Z"));
        Api.submit(submitter, again).statusCode(202);
        worker.drain();
        assertThat(columnsHolding(body)).contains("borrower.name", "borrower.phone", "reminder.request");

        clock.set(Instant.parse("2031-11-25T02:00:00Z"));
        purge.purge(null);
        assertThat(columnsHolding(body)).isEmpty();
    }

    @Test
    void a_borrower_with_a_reminder_in_progress_is_refused_naming_the_pack_rule_and_the_refusal_is_recorded() throws Exception {
        var body = cnReminderByTextAndEmail();
        Api.submit(submitter, body).statusCode(202); // not dispatched yet: the reminder is still open
        String borrowerId = borrower(body).get("id").toString();

        Api.as(compliance).post("/api/v1/borrowers/{id}/erasure", borrowerId).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("CN.erasure=allowed-after-settlement"))
                .body("detail", containsString("1 reminders in progress"));
        assertThat(columnsHolding(body)).contains("borrower.phone", "reminder.request");
        Api.as(compliance).queryParam("borrowerId", borrowerId).queryParam("kind", "LIFECYCLE").get("/api/v1/contact-log").then()
                .body("entries[0].outcome", equalTo("ERASURE_REFUSED"));
        worker.drain();
    }

    @Test
    void a_us_borrower_inside_the_record_keeping_retention_is_refused() {
        var us = usReminder();
        clock.setLocal("2026-11-23T10:00", "America/New_York");
        Api.submit(submitter, us).statusCode(202);
        worker.drain();
        Api.as(compliance).post("/api/v1/borrowers/{id}/erasure", borrower(us).get("id").toString()).then().statusCode(409)
                .body("detail", containsString("US.erasure=refused-within-retention"));
    }

    @Test
    void erasure_needs_the_compliance_role_and_a_known_borrower() {
        Api.as(submitter).post("/api/v1/borrowers/{id}/erasure", "B-unknown-" + java.util.UUID.randomUUID()).then().statusCode(403);
        Api.as(compliance).post("/api/v1/borrowers/{id}/erasure", "B-unknown-" + java.util.UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    // --- helpers ---

    /** Message texts kept for the borrower: attempt subjects/bodies and the sandbox's copies (with HTML). */
    private static int messagesKept(String borrowerId) throws SQLException {
        try (Connection su = DriverManager.getConnection(EmbeddedPostgresResource.database().superuserJdbcUrl());
             var ps = su.prepareStatement("""
                     SELECT (SELECT count(body) + count(subject) FROM attempt WHERE borrower_id = ?)
                          + (SELECT count(s.body) + count(s.html) FROM sandbox_message s JOIN attempt a ON a.id = s.attempt_id WHERE a.borrower_id = ?)""")) {
            ps.setString(1, borrowerId);
            ps.setString(2, borrowerId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** A CN borrower with a name, phone and mailbox no other test uses, sent by SMS and email. */
    private static Map<String, Object> cnReminderByTextAndEmail() {
        var body = Fixtures.aReminder();
        borrower(body).put("name", "欧阳" + randomHan() + randomHan());
        body.put("channels", new ArrayList<>(List.of("SMS", "EMAIL")));
        body.put("channelStrategy", "ALL");
        return body;
    }

    private static Map<String, Object> usReminder() {
        var body = Fixtures.aReminder();
        var b = borrower(body);
        b.put("name", "Jonathan Q" + (char) ('a' + ThreadLocalRandom.current().nextInt(26)) + "uixote" + ThreadLocalRandom.current().nextInt(1000, 9999));
        b.put("locale", "en-US");
        b.put("jurisdiction", "US");
        b.put("timezone", "America/New_York");
        b.put("phone", Fixtures.freshPhone("US"));
        var l = loan(body);
        l.put("creditor", "Example Bank");
        l.put("product", "Personal loan");
        l.put("currency", "USD");
        l.put("hotline", "1-800-555-0100");
        return body;
    }

    private static String randomHan() {
        return new String(Character.toChars(0x4E00 + ThreadLocalRandom.current().nextInt(0x9FA5 - 0x4E00)));
    }

    /** The ways the borrower's data could be spelt: E.164, national digits, spaced and dashed, the mailbox, the name. */
    private static List<String> needles(Map<String, Object> body) {
        var b = borrower(body);
        String phone = b.get("phone").toString();
        String national = phone.startsWith("+86") ? phone.substring(3) : phone.startsWith("+1") ? phone.substring(2) : phone;
        String email = b.get("email").toString();
        String name = b.get("name").toString();
        List<String> out = new ArrayList<>(List.of(phone, national, phone.substring(1),
                national.substring(0, 3) + " " + national.substring(3, 7) + " " + national.substring(7),
                national.substring(0, 3) + "-" + national.substring(3, 7) + "-" + national.substring(7),
                email, email.substring(0, email.indexOf('@') + 1), name));
        if (name.codePoints().anyMatch(Character::isIdeographic)) out.add(name.substring(name.offsetByCodePoints(0, 2)));
        else out.add(name.substring(name.lastIndexOf(' ') + 1));
        return out;
    }

    /** Every text, varchar, json, jsonb and array column of every table that holds any spelling of the borrower's data. */
    private static TreeSet<String> columnsHolding(Map<String, Object> body) throws SQLException {
        TreeSet<String> hits = new TreeSet<>();
        try (Connection su = DriverManager.getConnection(EmbeddedPostgresResource.database().superuserJdbcUrl())) {
            List<String[]> columns = new ArrayList<>();
            try (var ps = su.prepareStatement("""
                    SELECT c.table_name, c.column_name FROM information_schema.columns c
                    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                    WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
                      AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb') OR c.data_type = 'ARRAY')""");
                 var rs = ps.executeQuery()) {
                while (rs.next()) columns.add(new String[]{rs.getString(1), rs.getString(2)});
            }
            assertThat(columns).hasSizeGreaterThan(50);
            for (String[] col : columns) {
                for (String needle : needles(body)) {
                    String sql = "SELECT EXISTS (SELECT 1 FROM \"" + col[0] + "\" WHERE \"" + col[1] + "\"::text ILIKE ?)";
                    try (var ps = su.prepareStatement(sql)) {
                        ps.setString(1, "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
                        try (var rs = ps.executeQuery()) {
                            rs.next();
                            if (rs.getBoolean(1)) hits.add(col[0] + "." + col[1]);
                        }
                    }
                }
            }
        }
        return hits;
    }
}
