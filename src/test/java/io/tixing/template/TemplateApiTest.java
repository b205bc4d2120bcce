package io.tixing.template;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.tixing.support.Fixtures.borrower;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class TemplateApiTest {

    @Inject DispatchWorker worker;
    @Inject TestClock clock;

    static String operator;

    @BeforeEach
    void setUp() {
        clock.reset();
        if (operator == null) operator = Api.keyWith("template-ops", "operator", "submitter");
    }

    @Test
    void the_catalog_lists_every_stage_with_its_version_and_lint_status() {
        Api.as(operator).get("/api/v1/templates").then().statusCode(200)
                .body("key", hasItems("pre-due", "due-today", "overdue-early", "overdue-mid", "overdue-late", "hardship-offer",
                        "promise-to-pay-confirmation", "voicemail-neutral", "overdue-reminder"))
                .body("find { it.key == 'overdue-mid' }.version", org.hamcrest.Matchers.notNullValue())
                .body("find { it.key == 'overdue-mid' }.status", org.hamcrest.Matchers.oneOf("OK", "WARN"));
    }

    @Test
    void a_chinese_sms_preview_shows_ucs2_segments_and_the_signature() {
        Api.as(operator).body(Map.of("locale", "zh-CN", "channel", "SMS")).post("/api/v1/templates/overdue-reminder/preview")
                .then().statusCode(200)
                .body("text", startsWith("【"))
                .body("smsEncoding", equalTo("UCS-2"))
                .body("segments", greaterThan(0))
                .body("version", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void a_traditional_chinese_email_preview_has_subject_and_html() {
        Api.as(operator).body(Map.of("locale", "zh-TW", "channel", "EMAIL")).post("/api/v1/templates/overdue-reminder/preview")
                .then().statusCode(200)
                .body("subject", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()))
                .body("html", containsString("<"))
                .body("locale", equalTo("zh-TW"));
    }

    @Test
    void previewing_an_unknown_template_is_404_and_a_bad_locale_is_400() {
        Api.as(operator).body(Map.of()).post("/api/v1/templates/nope/preview").then().statusCode(404)
                .contentType(containsString("application/problem+json"));
        Api.as(operator).body(Map.of("locale", "fr-FR")).post("/api/v1/templates/overdue-reminder/preview").then().statusCode(400)
                .body("errors.field", hasItem("locale"));
    }

    @Test
    void submitters_cannot_preview() {
        String submitter = Api.keyWith("only-submit", "submitter");
        Api.as(submitter).body(Map.of()).post("/api/v1/templates/overdue-reminder/preview").then().statusCode(403);
    }

    @Test
    void a_banned_phrase_arriving_through_a_variable_suppresses_the_message() {
        worker.drain();
        var body = Fixtures.aReminder();
        Fixtures.loan(body).put("creditor", "老赖清收中心");
        String id = Api.submit(operator, body).statusCode(202).extract().path("id");
        worker.drain();
        Api.as(operator).get("/api/v1/reminders/" + id).then().statusCode(200)
                .body("status", equalTo("SUPPRESSED"))
                .body("decisions[0].decision", equalTo("SUPPRESS"))
                .body("decisions[0].reasons", equalTo(List.of("CONTENT_BLOCKED")))
                .body("attempts", org.hamcrest.Matchers.empty());
    }

    @Test
    void a_preview_with_a_threat_in_the_creditor_names_the_field_and_category_and_derives_omitted_days_from_the_due_date() {
        Map<String, Object> data = Map.of("borrowerName", "王小明", "creditor", "不还就起诉你", "amountDue", "100",
                "currency", "CNY", "dueDate", "2026-11-20", "hotline", "95555");
        Api.as(operator).body(Map.of("locale", "zh-CN", "channel", "SMS", "data", data))
                .post("/api/v1/templates/overdue-reminder/preview").then().statusCode(200)
                .body("text", org.hamcrest.Matchers.containsString("逾期3天"))   // the pinned clock: 23 Nov in Shanghai
                .body("findings.find { it.field == 'loan.creditor' }.category", org.hamcrest.Matchers.equalTo("threat-of-legal-action"))
                .body("findings.find { it.field == 'loan.creditor' }.severity", org.hamcrest.Matchers.equalTo("BLOCK"));
    }
}
