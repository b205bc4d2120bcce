package io.tixing.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class ObservabilityTest {

    @Inject DispatchWorker worker;
    @Inject TestClock clock;
    @Inject QueueGauges queue;
    @Inject ReadinessGauge readiness;

    @AfterEach
    void resetClock() { clock.reset(); }

    static String scrape() { return given().get("/q/metrics").then().statusCode(200).extract().asString(); }

    /** Series names (metric name before '{' or ' ') of every sample line. */
    static Set<String> seriesNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            Matcher m = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)").matcher(line);
            if (m.find()) names.add(m.group(1));
        }
        return names;
    }

    static double value(String exposition, String series) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(series + " ") || line.startsWith(series + "{")) return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
        throw new AssertionError(series + " not in /q/metrics");
    }

    static final Pattern METRIC = Pattern.compile("\\btixing_[a-z0-9_]+");

    static Set<String> metricsNamedIn(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String e : expressions) {
            Matcher m = METRIC.matcher(e);
            while (m.find()) names.add(m.group());
        }
        return names;
    }

    /** Every expression of the alert rules and of the dashboard's panels. */
    static List<String> expressions() throws Exception {
        List<String> out = new ArrayList<>();
        JsonNode rules = new YAMLMapper().readTree(Files.readString(Path.of("deploy/prometheus/alerts.yaml")));
        for (JsonNode group : rules.get("groups")) for (JsonNode rule : group.get("rules")) {
            assertThat(rule.hasNonNull("alert") && rule.hasNonNull("expr")).as("rule %s", rule).isTrue();
            out.add(rule.get("expr").asText());
        }
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(Path.of("deploy/grafana/tixing.json")));
        for (JsonNode panel : dashboard.get("panels")) for (JsonNode target : panel.get("targets")) out.add(target.get("expr").asText());
        return out;
    }

    /** Makes every kind of Tixing meter exist: a send (counters, latency histogram), a webhook, an open wave, the gauges. */
    void exerciseEverything() throws Exception {
        String submitter = Api.keyWith("obs-" + System.nanoTime(), "submitter");
        Api.submit(submitter, Fixtures.aReminder()).statusCode(202);
        worker.drain();
        given().contentType("application/x-www-form-urlencoded").formParam("MessageSid", "SM1").formParam("MessageStatus", "delivered")
                .post("/webhooks/twilio/status").then().statusCode(403);
        var r = Fixtures.aReminder();
        Map<String, Object> wave = Map.of("name", "obs wave", "template", "overdue-reminder", "channels", List.of("SMS"),
                "channelStrategy", "FIRST_ALLOWED", "start", Map.of("at", TestClock.DEFAULT.plus(Duration.ofDays(1)).toString()),
                "notAfter", "2026-12-31T00:00:00Z", "recipients", List.of(Map.of("borrower", r.get("borrower"), "loan", r.get("loan"))));
        Api.as(Api.keyWith("obs-op-" + System.nanoTime(), "operator")).contentType("application/json").body(wave)
                .post("/api/v1/waves").then().statusCode(202);
        queue.refresh();
        readiness.refresh();
    }

    @Test
    void the_alert_rules_and_the_dashboard_name_only_metrics_a_running_instance_exports() throws Exception {
        exerciseEverything();
        Set<String> exported = seriesNames(scrape());
        Set<String> named = metricsNamedIn(expressions());
        assertThat(named).contains("tixing_queue_oldest_due_age_seconds", "tixing_channel_sends_total", "tixing_contact_log_chain_ok",
                "tixing_ready", "tixing_channel_latency_seconds_bucket", "tixing_wave_pending", "tixing_webhooks_total");
        assertThat(exported).containsAll(named);
    }

    @Test
    void every_tixing_metric_has_help_text() throws Exception {
        exerciseEverything();
        String exposition = scrape();
        Set<String> families = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.startsWith("# TYPE tixing_")) continue;
            families.add(line.split(" ")[2]);
        }
        assertThat(families).contains("tixing_queue_due", "tixing_reminders", "tixing_channel_latency_seconds", "tixing_webhooks", "tixing_contact_log_chain_ok");
        for (String family : families) {
            String help = exposition.lines().filter(l -> l.startsWith("# HELP " + family + " ")).findFirst().orElse("");
            assertThat(help.substring(Math.min(help.length(), ("# HELP " + family + " ").length())).trim()).as("help of %s", family).isNotEmpty();
        }
    }

    @Test
    void provider_latency_is_a_histogram_with_buckets_per_channel() throws Exception {
        exerciseEverything();
        String exposition = scrape();
        assertThat(exposition).contains("# TYPE tixing_channel_latency_seconds histogram");
        assertThat(exposition.lines().filter(l -> l.startsWith("tixing_channel_latency_seconds_bucket{") && l.contains("channel=\"SMS\"")).count())
                .isGreaterThan(5);
    }

    @Test
    void a_reminder_left_undispatched_past_overdue_after_counts_as_due_then_overdue_with_its_age() throws Exception {
        worker.drain();
        queue.refresh();
        String before = scrape();
        assertThat(value(before, "tixing_queue_due")).isZero(); // drained: nothing is due
        double overdue = value(before, "tixing_queue_overdue");

        Api.submit(Api.keyWith("obs-queue-" + System.nanoTime(), "submitter"), Fixtures.aReminder()).statusCode(202);
        queue.refresh();
        String now = scrape();
        assertThat(value(now, "tixing_queue_due")).isEqualTo(1);
        assertThat(value(now, "tixing_queue_overdue")).isEqualTo(overdue).isZero();

        clock.advance(Duration.ofMinutes(6)); // overdue-after is 5 minutes
        queue.refresh();
        String later = scrape();
        assertThat(value(later, "tixing_queue_overdue")).isEqualTo(1);
        assertThat(value(later, "tixing_queue_oldest_due_age_seconds")).isGreaterThanOrEqualTo(360);

        worker.drain();
        queue.refresh();
        assertThat(value(scrape(), "tixing_queue_due")).isZero();
    }

    @Test
    void a_webhook_with_a_bad_signature_is_counted_as_bad_signature() {
        String series = "tixing_webhooks_total{endpoint=\"status\",outcome=\"bad_signature\",provider=\"twilio\"";
        double before = scrape().lines().filter(l -> l.startsWith(series)).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        given().contentType("application/x-www-form-urlencoded").formParam("MessageSid", "SM2").formParam("MessageStatus", "delivered")
                .post("/webhooks/twilio/status").then().statusCode(403);
        double after = scrape().lines().filter(l -> l.startsWith(series)).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertThat(after).isEqualTo(before + 1);
    }
}
