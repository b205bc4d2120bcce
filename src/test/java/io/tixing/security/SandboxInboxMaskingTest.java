package io.tixing.security;

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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox inbox shows what "reached" borrowers: to a key without {@code pii}, as masked as the contact log. */
@QuarkusTest
class SandboxInboxMaskingTest {

    @Inject DispatchWorker worker;
    @Inject TestClock clock;

    @BeforeEach
    void reset() { clock.reset(); }

    @Test
    void an_admin_key_without_pii_sees_sandbox_destinations_masked_and_a_pii_key_sees_them_whole_with_an_audit_entry() {
        String phone = "+86135" + String.format("%08d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 100_000_000L));
        var reminder = Fixtures.aReminder();
        Fixtures.borrower(reminder).put("phone", phone);
        Fixtures.borrower(reminder).put("email", "wang.xiaoming@example.com");
        reminder.put("channels", List.of("SMS", "EMAIL"));
        reminder.put("channelStrategy", "ALL");
        Api.submit(Fixtures.ADMIN_KEY, reminder).statusCode(202);
        worker.drain();

        String plainAdmin = Api.keyWith("sandbox-admin-" + phone, "admin");
        List<String> masked = Api.as(plainAdmin).queryParam("destination", phone).get("/api/v1/sandbox/messages")
                .then().statusCode(200).extract().path("destination");
        assertThat(masked).containsExactly(Masking.phone(phone));
        assertThat(masked.getFirst()).doesNotContain(phone.substring(6, 10));
        List<String> maskedEmail = Api.as(plainAdmin).queryParam("destination", "wang.xiaoming@example.com").get("/api/v1/sandbox/messages")
                .then().statusCode(200).extract().path("destination");
        assertThat(maskedEmail).isNotEmpty().allMatch("w***@example.com"::equals);
        // Unfiltered, too: no full number or address of anyone.
        List<String> all = Api.as(plainAdmin).get("/api/v1/sandbox/messages").then().statusCode(200).extract().path("destination");
        assertThat(all).isNotEmpty().allMatch(d -> d.contains("*"));
        assertThat(auditsBy(plainAdmin, "sandbox-admin-" + phone)).as("a masked read leaves no audit entry").isZero();

        String piiAdmin = Api.keyWith("sandbox-pii-" + phone, "admin", "pii");
        List<String> whole = Api.as(piiAdmin).queryParam("destination", phone).get("/api/v1/sandbox/messages")
                .then().statusCode(200).extract().path("destination");
        assertThat(whole).containsExactly(phone);
        assertThat(auditsBy(piiAdmin, "sandbox-pii-" + phone)).as("the unmasked read is recorded").isEqualTo(1);
    }

    private static long auditsBy(String key, String client) {
        List<Map<String, Object>> audits = Api.asAdmin().queryParam("kind", "AUDIT").queryParam("outcome", "UNMASKED_READ")
                .queryParam("limit", "1000").get("/api/v1/contact-log").then().statusCode(200).extract().path("entries");
        return audits.stream().filter(a -> client.equals(a.get("actor")) && String.valueOf(a.get("detail")).startsWith("sandbox inbox")).count();
    }
}
