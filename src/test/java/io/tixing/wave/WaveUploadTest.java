package io.tixing.wave;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.tixing.wave.WaveFixtures.recipient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class WaveUploadTest {

    @Inject DispatchWorker worker;
    @Inject TestClock clock;
    @Inject Database db;
    @Inject ObjectMapper json;

    static String operator;

    @BeforeEach
    void setUp() {
        clock.reset();
        worker.drain();
        if (operator == null) operator = Api.keyWith("wave-upload", "operator");
    }

    @Test
    void an_ndjson_upload_reports_bad_lines_by_number_and_queues_the_good_ones() throws Exception {
        String s = WaveFixtures.fresh();
        var badPhone = recipient("B-" + s + "-phone", "Asia/Shanghai");
        WaveFixtures.borrowerOf(badPhone).put("phone", "13800138000");
        var noLoan = recipient("B-" + s + "-loan", "Asia/Shanghai");
        noLoan.remove("loan");
        String body = String.join("\n",
                json.writeValueAsString(WaveFixtures.wave(Map.of("at", "2026-11-23T03:00:00Z"), null)),  // line 1: header
                json.writeValueAsString(recipient("B-" + s + "-ok1", "Asia/Shanghai")),                    // line 2
                "{\"borrower\": {\"id\": ",                                                                // line 3: cut off
                json.writeValueAsString(badPhone),                                                         // line 4
                "",                                                                                        // line 5: blank, skipped
                json.writeValueAsString(recipient("B-" + s + "-ok2", "Asia/Taipei")),                      // line 6
                json.writeValueAsString(noLoan)) + "\n";                                                   // line 7

        String id = ndjson(body, "").statusCode(202)
                .body("accepted", equalTo(2))
                .body("invalid", equalTo(3))
                .body("errors.line", contains(3, 4, 7))
                .body("errors[1].errors.field", hasItem("borrower.phone"))
                .body("errors[2].errors.field", hasItem("loan"))
                .extract().path("id");

        List<String> requestIds = db.read(c -> {
            try (var ps = Sql.prepare(c, "SELECT request_id FROM reminder WHERE wave_id = ? ORDER BY request_id", java.util.UUID.fromString(id));
                 var rs = ps.executeQuery()) {
                List<String> out = new java.util.ArrayList<>();
                while (rs.next()) out.add(rs.getString(1));
                return out;
            }
        });
        assertThat(requestIds).containsExactly("wave:" + id + ":2", "wave:" + id + ":6");
        Api.as(operator).get("/api/v1/waves/" + id).then().statusCode(200)
                .body("accepted", equalTo(2)).body("invalid", equalTo(3))
                .body("counts.queued", equalTo(2)).body("reconciled", equalTo(true));
    }

    @Test
    void a_bad_header_line_refuses_the_upload() throws Exception {
        var header = WaveFixtures.wave(Map.of("at", "2026-11-23T03:00:00Z"), null);
        header.remove("start");
        ndjson(json.writeValueAsString(header) + "\n" + json.writeValueAsString(recipient("B-x", "Asia/Shanghai")), "")
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("start"));
    }

    @Test
    void a_dry_run_forecasts_by_the_rule_pack_at_each_borrowers_start_and_writes_nothing() throws Exception {
        String s = WaveFixtures.fresh();
        // 07:30 local: inside Taipei's 07:00–22:00 window, before Shanghai's 08:00 and Hong Kong's 09:00 openings.
        var header = WaveFixtures.wave(Map.of("localTime", "07:30", "date", "2026-11-24"), null);
        var bad = recipient("B-" + s + "-bad", "Asia/Shanghai");
        WaveFixtures.borrowerOf(bad).put("locale", "fr-FR");
        String body = String.join("\n", json.writeValueAsString(header),
                json.writeValueAsString(recipient("B-" + s + "-tw", "Asia/Taipei")),
                json.writeValueAsString(recipient("B-" + s + "-cn", "Asia/Shanghai")),
                json.writeValueAsString(recipient("B-" + s + "-hk", "Asia/Hong_Kong")),
                json.writeValueAsString(bad));

        ndjson(body, "?dryRun=true").statusCode(200)
                .body("dryRun", equalTo(true))
                .body("recipients", equalTo(4))
                .body("sendAtStart", equalTo(1))
                .body("deferred", equalTo(2))
                .body("deferredByReason.QUIET_HOURS.count", equalTo(2))
                .body("deferredByReason.QUIET_HOURS.earliest", equalTo("2026-11-24T00:00:00Z"))
                .body("deferredByReason.QUIET_HOURS.latest", equalTo("2026-11-24T01:00:00Z"))
                .body("invalid", equalTo(1))
                .body("errors[0].line", equalTo(5));
        long written = db.read(c -> {
            try (var ps = Sql.prepare(c, "SELECT count(*) FROM borrower WHERE id LIKE ?", "B-" + s + "%"); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(written).as("a dry run writes nothing").isZero();
    }

    @Test
    void an_upload_larger_than_the_1_mib_json_limit_is_accepted_line_by_line() throws Exception {
        String s = WaveFixtures.fresh();
        StringBuilder body = new StringBuilder(json.writeValueAsString(WaveFixtures.wave(Map.of("at", "2026-11-23T03:00:00Z"), null)));
        int lines = 0;
        while (body.length() <= 1024 * 1024 + 1000) {
            body.append('\n').append(json.writeValueAsString(recipient("B-" + s + "-big-" + lines++, "Asia/Shanghai")));
        }
        ndjson(body + "\n", "").statusCode(202).body("accepted", equalTo(lines)).body("invalid", equalTo(0));
    }

    private io.restassured.response.ValidatableResponse ndjson(String body, String query) {
        return given().header("Authorization", "Bearer " + operator).contentType(WaveResource.NDJSON)
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/api/v1/waves" + query).then();
    }
}
