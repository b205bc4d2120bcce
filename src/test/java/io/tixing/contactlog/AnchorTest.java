package io.tixing.contactlog;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.time.Duration;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class AnchorTest {

    @Inject DispatchWorker worker;
    @Inject TestClock clock;
    @Inject ChainAnchoring anchoring;
    @Inject AnchorStore store;
    @ConfigProperty(name = "tixing.contact-log.anchor-key-file") String keyFile;

    @BeforeEach
    void setUp() {
        clock.reset();
        worker.drain();
    }

    @Test
    void an_anchor_is_a_new_signed_file_and_a_chain_that_grew_since_still_verifies() throws Exception {
        var body = LogScenario.sentReminderOffChainZero(worker);
        int chain = ContactLogWriter.chainOf(LogScenario.borrowerId(body));
        var first = anchoring.anchorNow();
        var second = anchoring.anchorNow();

        assertThat(second.anchor().seq()).isEqualTo(first.anchor().seq() + 1);
        assertThat(Files.readString(first.file())).contains("\"signature\"").contains("\"lastHash\"");
        assertThat(second.anchor().chain(chain).length()).isGreaterThanOrEqualTo(3);
        assertThat(Files.getPosixFilePermissions(Path.of(keyFile)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        LogScenario.again(body, worker); // the chain grows past the anchored state: that is not a break
        Api.as(LogScenario.compliance()).queryParam("chainId", chain).get("/api/v1/contact-log/verify").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("OK"))
                .body("anchor.seq", org.hamcrest.Matchers.equalTo((int) second.anchor().seq()))
                .body("anchor.at", notNullValue())
                .body("anchor.signatureOk", org.hamcrest.Matchers.equalTo(true))
                .body("anchor.chains", org.hamcrest.Matchers.equalTo(second.anchor().chains().size()))
                .body("anchor.mismatches", empty());
    }

    @Test
    void deleting_the_three_newest_entries_and_rewriting_the_head_is_reported_against_the_anchor() throws Exception {
        var body = LogScenario.sentReminderOffChainZero(worker);
        LogScenario.again(body, worker);
        int chain = ContactLogWriter.chainOf(LogScenario.borrowerId(body));
        var anchored = anchoring.anchorNow().anchor().chain(chain);
        long length = anchored.length();

        try (Connection su = LogScenario.superuser(); var s = su.createStatement()) {
            s.execute("SET session_replication_role = replica");
            s.execute("CREATE TEMP TABLE tail AS SELECT * FROM contact_log WHERE chain_id = " + chain + " AND chain_pos > " + (length - 3));
            s.execute("CREATE TEMP TABLE head AS SELECT * FROM contact_log_chain WHERE chain_id = " + chain);
            // What a careful superuser does: cut the tail and make the head row agree, so the chain is self-consistent.
            assertThat(s.executeUpdate("DELETE FROM contact_log WHERE chain_id = " + chain + " AND chain_pos > " + (length - 3))).isEqualTo(3);
            s.executeUpdate("UPDATE contact_log_chain SET length = " + (length - 3) + ", last_hash = (SELECT hash FROM contact_log WHERE chain_id = "
                    + chain + " AND chain_pos = " + (length - 3) + ") WHERE chain_id = " + chain);
            try {
                Api.as(LogScenario.compliance()).queryParam("chainId", chain).get("/api/v1/contact-log/verify").then().statusCode(200)
                        .body("status", org.hamcrest.Matchers.equalTo("BROKEN"))
                        .body("anchor.mismatches", hasSize(1))
                        .body("anchor.mismatches[0].chainId", org.hamcrest.Matchers.equalTo(chain))
                        .body("anchor.mismatches[0].anchoredLength", org.hamcrest.Matchers.equalTo((int) length))
                        .body("anchor.mismatches[0].firstPos", org.hamcrest.Matchers.equalTo((int) length - 2))
                        .body("anchor.mismatches[0].reason", containsString("shorter than anchored"))
                        .body("firstBroken.chainId", org.hamcrest.Matchers.equalTo(chain))
                        .body("firstBroken.chainPos", org.hamcrest.Matchers.equalTo((int) length - 2));

                // The chain grows back over the cut with new entries: now it diverges from the anchor at the anchored position.
                LogScenario.again(body, worker);
                Api.as(LogScenario.compliance()).queryParam("chainId", chain).get("/api/v1/contact-log/verify").then()
                        .body("status", org.hamcrest.Matchers.equalTo("BROKEN"))
                        .body("anchor.mismatches[0].firstPos", org.hamcrest.Matchers.equalTo((int) length))
                        .body("anchor.mismatches[0].reason", containsString("differs from the anchored hash"));
            } finally {
                s.executeUpdate("DELETE FROM contact_log WHERE chain_id = " + chain + " AND chain_pos > " + (length - 3));
                s.executeUpdate("INSERT INTO contact_log SELECT * FROM tail");
                s.executeUpdate("UPDATE contact_log_chain c SET length = h.length, last_hash = h.last_hash FROM head h WHERE c.chain_id = h.chain_id");
            }
        }
        Api.as(LogScenario.compliance()).queryParam("chainId", chain).get("/api/v1/contact-log/verify").then()
                .body("status", org.hamcrest.Matchers.equalTo("OK"));
    }

    @Test
    void a_tampered_anchor_file_fails_its_signature_and_the_next_older_one_is_used() throws Exception {
        LogScenario.sentReminderOffChainZero(worker);
        var older = anchoring.anchorNow();
        var newest = anchoring.anchorNow();
        byte[] original = Files.readAllBytes(newest.file());
        String text = new String(original, StandardCharsets.UTF_8);
        String forged = text.replaceFirst("\"length\" : (\\d+)", "\"length\" : 1$1");
        assertThat(forged).isNotEqualTo(text);
        Files.writeString(newest.file(), forged);
        try {
            Api.as(LogScenario.compliance()).get("/api/v1/contact-log/verify").then().statusCode(200)
                    .body("status", org.hamcrest.Matchers.equalTo("BROKEN"))
                    .body("anchor.rejected", hasSize(1))
                    .body("anchor.rejected[0].file", org.hamcrest.Matchers.equalTo(newest.file().getFileName().toString()))
                    .body("anchor.rejected[0].reason", containsString("signature"))
                    .body("anchor.seq", org.hamcrest.Matchers.equalTo((int) older.anchor().seq()));
        } finally {
            Files.write(newest.file(), original);
        }
        Api.as(LogScenario.compliance()).get("/api/v1/contact-log/verify").then()
                .body("status", org.hamcrest.Matchers.equalTo("OK"))
                .body("anchor.seq", org.hamcrest.Matchers.equalTo((int) newest.anchor().seq()));
    }

    @Test
    void an_anchor_is_posted_to_the_evidence_store_and_retried_when_the_store_fails() throws Exception {
        WireMockServer store = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        store.start();
        try {
            store.stubFor(post(urlEqualTo("/anchors")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
            store.stubFor(post(urlEqualTo("/anchors")).inScenario("flaky").whenScenarioStateIs("up")
                    .willReturn(aResponse().withStatus(201)));
            var anchor = anchoring.anchorNow().anchor();
            var sink = new AnchorPost(URI.create("http://127.0.0.1:" + store.port() + "/anchors"), 3, Duration.ofMillis(20));

            assertThat(sink.send(this.store.toJson(anchor), anchor.seq())).isEqualTo(2);
            store.verify(2, postRequestedFor(urlEqualTo("/anchors"))
                    .withHeader("Content-Type", equalTo("application/json"))
                    .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(anchor.signature())));
        } finally {
            store.stop();
        }
    }

    @Test
    void the_evidence_store_must_be_https_unless_it_is_on_this_machine() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AnchorPost(URI.create("http://evidence.example.com/a"), 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
        assertThat(Set.of(new AnchorPost(URI.create("https://evidence.example.com/a"), 1, Duration.ZERO))).hasSize(1);
    }
}
