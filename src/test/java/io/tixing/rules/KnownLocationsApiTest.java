package io.tixing.rules;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import io.tixing.support.TestClock;
import io.tixing.wave.WaveStagePlanner;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.tixing.support.Fixtures.borrower;
import static io.tixing.support.Fixtures.loan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * Known locations end to end: intake records every zone a borrower states or a phone maps to, the dispatcher defers to
 * the first instant lawful in all of them, and explain shows the same zones, their sources and the zone that bound it.
 */
@QuarkusTest
class KnownLocationsApiTest {

    static final String GUAM_MOBILE = "+16714721234";

    @Inject DispatchWorker worker;
    @Inject TestClock clock;
    @Inject WaveStagePlanner planner;

    static String submitter;
    static String compliance;

    @BeforeEach
    void setUp() {
        clock.reset();
        worker.drain();
        if (submitter == null) {
            submitter = Api.keyWith("locations-test", "submitter", "operator");
            compliance = Api.keyWith("locations-compliance", "compliance");
        }
    }

    @AfterEach
    void tearDown() { clock.reset(); }

    private static Instant local(String zone, String dateTime) { return LocalDateTime.parse(dateTime).atZone(ZoneId.of(zone)).toInstant(); }

    /** A US borrower writing in English; {@code timezone} and {@code phone} null to leave them out. */
    private static Map<String, Object> usReminder(String timezone, String phone, String channel) {
        var body = Fixtures.aReminder();
        var b = borrower(body);
        b.put("name", "John Smith");
        b.put("locale", "en-US");
        b.put("jurisdiction", "US");
        b.put("email", Fixtures.freshEmail()); // its own mailbox: caps count per contact point across tests
        if (timezone == null) b.remove("timezone"); else b.put("timezone", timezone);
        if (phone == null) b.remove("phone"); else b.put("phone", phone);
        var l = loan(body);
        l.put("creditor", "Example Bank");
        l.put("product", "Personal loan");
        l.put("currency", "USD");
        l.put("hotline", "1-800-555-0100");
        body.put("channels", new ArrayList<>(List.of(channel)));
        return body;
    }

    private String submitAndDrain(Map<String, Object> body) {
        String id = Api.submit(submitter, body).statusCode(202).extract().path("id");
        worker.drain();
        return id;
    }

    private static JsonPath reminder(String id) {
        return Api.as(submitter).get("/api/v1/reminders/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath explain(String borrowerId, String channel) {
        return Api.as(compliance).queryParam("borrowerId", borrowerId).queryParam("channel", channel)
                .get("/api/v1/policy/explain").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void a_guam_phone_stated_as_honolulu_is_deferred_to_0800_guam_time() {
        clock.set(local("Pacific/Guam", "2026-11-24T05:25")); // 09:25 on the 23rd in Honolulu
        var body = usReminder("Pacific/Honolulu", GUAM_MOBILE, "SMS");
        String borrowerId = (String) borrower(body).get("id");
        Instant opening = local("Pacific/Guam", "2026-11-24T08:00");

        String id = submitAndDrain(body);

        var r = reminder(id);
        assertThat(r.getString("status")).isEqualTo("DEFERRED");
        assertThat(r.getString("nextAttemptAt")).isEqualTo(opening.toString());
        assertThat(r.getList("decisions[0].reasons", String.class)).contains("QUIET_HOURS");
        assertThat(r.getString("decisions[0].rulePack")).startsWith("US@");

        var e = explain(borrowerId, "SMS");
        assertThat(e.getString("decision")).as("explain agrees with the dispatcher").isEqualTo(r.getString("decisions[0].decision"));
        assertThat(e.getString("until")).isEqualTo(r.getString("nextAttemptAt"));
        assertThat(e.getString("bindingZone")).isEqualTo("Pacific/Guam");
        assertThat(e.getList("zones", String.class)).containsExactly("Pacific/Honolulu", "Pacific/Guam");
        assertThat(e.getList("locations.source", String.class)).containsExactly("STATED", "PHONE");
        assertThat(e.getString("locations[1].firstSeen")).as("stored at intake").isNotNull();

        clock.set(opening.minusSeconds(1));
        worker.drain();
        assertThat(reminder(id).getString("status")).isEqualTo("DEFERRED");
        clock.set(opening);
        worker.drain();
        assertThat(reminder(id).getString("status")).isEqualTo("SENT");
    }

    @Test
    void a_zone_stated_in_an_earlier_request_still_binds_a_later_request_that_states_another_zone() {
        clock.set(local("America/Los_Angeles", "2026-11-23T12:00"));
        var first = usReminder("America/Los_Angeles", null, "EMAIL");
        String borrowerId = (String) borrower(first).get("id");
        assertThat(reminder(submitAndDrain(first)).getString("status")).isEqualTo("SENT");

        clock.set(local("America/New_York", "2026-11-24T09:30")); // 06:30 in Los Angeles
        var second = usReminder("America/New_York", null, "EMAIL");
        second.put("borrower", borrower(first));
        borrower(second).put("timezone", "America/New_York");
        String id = submitAndDrain(second);

        var r = reminder(id);
        assertThat(r.getString("status")).isEqualTo("DEFERRED");
        assertThat(r.getString("nextAttemptAt")).isEqualTo(local("America/Los_Angeles", "2026-11-24T08:00").toString());
        var e = explain(borrowerId, "EMAIL");
        assertThat(e.getString("until")).isEqualTo(r.getString("nextAttemptAt"));
        assertThat(e.getString("bindingZone")).isEqualTo("America/Los_Angeles");
        assertThat(e.getList("zones", String.class)).containsExactly("America/New_York", "America/Los_Angeles");
        assertThat(e.getString("localTime")).as("the latest stated zone is still the local time shown").startsWith("2026-11-24T09:30");
    }

    @Test
    void an_email_only_us_borrower_with_no_zone_at_0730_los_angeles_is_deferred_until_lawful_in_every_us_zone() {
        clock.set(local("America/Los_Angeles", "2026-11-23T07:30")); // 10:30 in New York: an assumed New York would send
        var body = usReminder(null, null, "EMAIL");
        borrower(body).remove("jurisdiction"); // no phone: the en-US locale chooses the US pack
        String borrowerId = (String) borrower(body).get("id");
        Instant guamOpening = local("Pacific/Guam", "2026-11-24T08:00"); // 17:00 New York, 14:00 Los Angeles

        String id = submitAndDrain(body);

        var r = reminder(id);
        assertThat(r.getString("status")).isEqualTo("DEFERRED");
        assertThat(r.getString("nextAttemptAt")).isEqualTo(guamOpening.toString());
        assertThat(r.getList("decisions[0].reasons", String.class)).containsExactly("QUIET_HOURS");
        var e = explain(borrowerId, "EMAIL");
        assertThat(e.getString("until")).isEqualTo(guamOpening.toString());
        assertThat(e.getString("bindingZone")).isEqualTo("Pacific/Guam");
        assertThat(e.getBoolean("zoneAssumed")).isFalse();
        assertThat(e.getList("locations.source", String.class)).containsOnly("PACK");
        assertThat(e.getList("zones", String.class)).contains("America/New_York", "America/Los_Angeles", "Pacific/Honolulu", "America/Anchorage");
    }

    @Test
    void a_uk_or_canadian_number_with_locale_en_us_and_no_jurisdiction_gets_the_strictest_pack() {
        for (String phone : List.of("+447400123456", "+14169671111")) {
            var body = usReminder(null, phone, "SMS");
            borrower(body).remove("jurisdiction");
            String id = submitAndDrain(body);

            assertThat(reminder(id).getString("decisions[0].rulePack")).as(phone).startsWith("STRICTEST@");
            Api.as(compliance).queryParam("borrowerId", borrower(body).get("id")).queryParam("channel", "SMS")
                    .get("/api/v1/policy/explain").then().statusCode(200)
                    .body("rulePack", startsWith("STRICTEST@")).body("locations[0].source", equalTo("PHONE"))
                    .body("zones", not(hasItem("America/New_York")));
        }
    }

    @Test
    void known_zones_whose_windows_never_meet_suppress_with_no_common_window_in_dispatch_and_explain() {
        // STRICTEST (a UK number, no jurisdiction) is 09:00–21:00: London and Shanghai meet 09:00–13:00 UTC, Los Angeles never then.
        var first = usReminder("Asia/Shanghai", "+447400123499", "SMS");
        borrower(first).remove("jurisdiction");
        String borrowerId = (String) borrower(first).get("id");
        submitAndDrain(first);

        var second = usReminder("America/Los_Angeles", "+447400123499", "SMS");
        second.put("borrower", borrower(first));
        borrower(second).put("timezone", "America/Los_Angeles");
        String id = submitAndDrain(second);

        var r = reminder(id);
        assertThat(r.getString("status")).isEqualTo("SUPPRESSED");
        assertThat(r.getList("decisions[0].reasons", String.class)).containsExactly("NO_COMMON_WINDOW");
        var e = explain(borrowerId, "SMS");
        assertThat(e.getString("decision")).isEqualTo("SUPPRESS");
        assertThat(e.getList("reasons", String.class)).containsExactly("NO_COMMON_WINDOW");
        assertThat(e.getList("zones", String.class)).contains("America/Los_Angeles", "Europe/London", "Asia/Shanghai");
        assertThat(e.getString("bindingZone")).isNull();
    }

    @Test
    void every_line_of_a_wave_adds_its_zone_not_only_the_last_line_for_the_borrower() {
        clock.set(local("America/Los_Angeles", "2026-11-23T12:00"));
        String borrowerId = "B-wave-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> recipients = new ArrayList<>();
        for (String zone : List.of("America/Chicago", "America/Los_Angeles")) {
            var r = usReminder(zone, null, "EMAIL");
            borrower(r).put("id", borrowerId);
            loan(r).put("id", "L-" + borrowerId + "-" + zone.substring(8));
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("borrower", borrower(r));
            line.put("loan", loan(r));
            recipients.add(line);
        }
        Map<String, Object> wave = new LinkedHashMap<>();
        wave.put("name", "known-locations " + borrowerId);
        wave.put("template", "overdue-reminder");
        wave.put("channels", List.of("EMAIL"));
        wave.put("start", Map.of("at", clock.instant().toString()));
        wave.put("notAfter", "2026-12-31T00:00:00Z");
        wave.put("recipients", recipients);
        Api.as(submitter).body(wave).post("/api/v1/waves").then().statusCode(202).body("accepted", equalTo(2));
        planner.drain(null);

        var e = Api.as(compliance).queryParam("borrowerId", borrowerId).queryParam("channel", "EMAIL")
                .queryParam("at", local("America/Chicago", "2026-11-24T09:00").toString()) // 07:00 in Los Angeles
                .get("/api/v1/policy/explain").then().statusCode(200).extract().jsonPath();
        assertThat(e.getList("zones", String.class)).containsExactlyInAnyOrder("America/Chicago", "America/Los_Angeles");
        assertThat(e.getString("decision")).isEqualTo("DEFER");
        assertThat(e.getString("bindingZone")).isEqualTo("America/Los_Angeles");
    }
}
