package io.tixing.contactlog;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.db.Database;
import io.tixing.support.Api;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class ContactLogExportTest {

    @Inject Database db;
    @Inject ContactLogWriter writer;
    @Inject TestClock clock;

    private String borrowerWithEntries(String... details) {
        String borrowerId = "B-csv-" + UUID.randomUUID().toString().substring(0, 8);
        db.inTransaction(c -> {
            for (String detail : details) {
                writer.append(c, LogEntry.of(LogEntry.Kind.INBOUND, clock.instant()).borrower(borrowerId).channel("SMS")
                        .destinationMasked("+86138****8000").detail(detail).build());
            }
            return null;
        });
        return borrowerId;
    }

    @Test
    void csv_starts_with_a_bom_and_carries_chinese_quoting_and_formula_guards_intact() {
        String borrowerId = borrowerWithEntries("借款人回复：下周一还款，谢谢", "=HYPERLINK(\"http://evil\",\"点我\")", "+1 plain", "line1\nline2");

        var response = Api.as(LogScenario.compliance()).queryParam("borrowerId", borrowerId).get("/api/v1/contact-log/export")
                .then().statusCode(200).extract().response();
        byte[] bytes = response.asByteArray();

        assertThat(response.contentType()).startsWith("text/csv");
        assertThat(response.header("Content-Disposition")).contains("attachment").contains(".csv");
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String csv = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        assertThat(lines.getFirst()).isEqualTo(CsvExport.HEADER);
        assertThat(csv).contains(",借款人回复：下周一还款，谢谢,"); // full-width commas are not separators: no quoting needed
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"点我\"\")\"");
        assertThat(csv).contains(",'+1 plain,");
        assertThat(csv).contains("\"line1\nline2\"");
        assertThat(csv.split("\r\n")).hasSize(1 + 4); // header and 4 rows (the embedded LF is not a record break)
    }

    @Test
    void the_export_is_recorded_as_an_audit_entry_with_who_and_which_filter() {
        String borrowerId = borrowerWithEntries("anything");
        String key = Api.keyWith("auditor-" + borrowerId, "compliance");
        Api.as(key).queryParam("borrowerId", borrowerId).queryParam("channel", "SMS").get("/api/v1/contact-log/export").then().statusCode(200);

        Api.as(LogScenario.compliance()).queryParam("kind", "AUDIT").queryParam("q", borrowerId)
                .queryParam("from", clock.instant().minusSeconds(1).toString()).queryParam("to", clock.instant().plusSeconds(1).toString())
                .get("/api/v1/contact-log").then()
                .statusCode(200)
                .body("entries.actor", hasItem("auditor-" + borrowerId))
                .body("entries.outcome", hasItem("EXPORT"))
                .body("entries[0].detail", org.hamcrest.Matchers.containsString("channel=SMS"));
    }

    @Test
    void export_refuses_bad_filters_and_callers_without_the_role() {
        Api.as(LogScenario.compliance()).queryParam("from", "not-a-time").get("/api/v1/contact-log/export").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("from"));
        Api.as(LogScenario.submitter()).get("/api/v1/contact-log/export").then().statusCode(403);
    }

    @Test
    void cells_are_quoted_and_guarded_per_rfc_4180() {
        assertThat(CsvExport.cell("plain")).isEqualTo("plain");
        assertThat(CsvExport.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvExport.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvExport.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvExport.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvExport.cell(null)).isEmpty();
    }
}
