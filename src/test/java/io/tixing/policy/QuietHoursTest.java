package io.tixing.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import static io.tixing.policy.Fixtures.ENGINE;
import static io.tixing.policy.Fixtures.aBorrower;
import static io.tixing.policy.Fixtures.local;
import static io.tixing.policy.Fixtures.pack;
import static org.assertj.core.api.Assertions.assertThat;

class QuietHoursTest {

    @ParameterizedTest(name = "{0} {4}: one second before {2} is deferred to {2}, {2} itself is allowed")
    @CsvSource({
            "CN, Asia/Shanghai,    08:00, 22:00, SMS",
            "CN, Asia/Shanghai,    08:00, 22:00, VOICE",
            "HK, Asia/Hong_Kong,   09:00, 22:00, SMS",
            "HK, Asia/Hong_Kong,   09:00, 22:00, EMAIL",
            "TW, Asia/Taipei,      07:00, 22:00, SMS",
            "TW, Asia/Taipei,      07:00, 22:00, VOICE",
            "US, America/New_York, 08:00, 21:00, SMS",
            "US, America/Chicago,  08:00, 21:00, VOICE"})
    void windowOpensOnTheSecond(String pack, String zone, LocalTime start, LocalTime end, ChannelType channel) {
        var facts = aBorrower().inZone(zone).by(channel).facts();
        var day = LocalDate.of(2026, 11, 18);
        var opening = day.atTime(start).atZone(ZoneId.of(zone)).toInstant();

        assertThat(ENGINE.decideAt(pack(pack), facts, opening.minusSeconds(1)))
                .isEqualTo(Decision.defer(opening, pack(pack).id(), java.util.List.of(ReasonCode.QUIET_HOURS)));
        assertThat(ENGINE.decideAt(pack(pack), facts, opening)).isInstanceOf(Decision.Allow.class);
    }

    @ParameterizedTest(name = "{0}: one second before {3} is allowed, {3} itself is deferred to {2} next day")
    @CsvSource({
            "CN, Asia/Shanghai,    08:00, 22:00",
            "HK, Asia/Hong_Kong,   09:00, 22:00",
            "TW, Asia/Taipei,      07:00, 22:00",
            "US, America/New_York, 08:00, 21:00"})
    void windowClosesOnTheSecond(String pack, String zone, LocalTime start, LocalTime end) {
        var facts = aBorrower().inZone(zone).call();
        var day = LocalDate.of(2026, 11, 18);
        var closing = day.atTime(end).atZone(ZoneId.of(zone)).toInstant();
        var nextOpening = day.plusDays(1).atTime(start).atZone(ZoneId.of(zone)).toInstant();

        assertThat(ENGINE.decideAt(pack(pack), facts, closing.minusSeconds(1))).isInstanceOf(Decision.Allow.class);
        assertThat(ENGINE.decideAt(pack(pack), facts, closing)).isEqualTo(Decision.defer(nextOpening, pack(pack).id(), java.util.List.of(ReasonCode.QUIET_HOURS)));
    }

    @Test
    void borrowerInTaipeiAt2230IsDeferredTo0700NextDay() {
        var decision = ENGINE.decideAt(pack("TW"), aBorrower().inZone("Asia/Taipei").sms(), local("Asia/Taipei", "2026-11-20T22:30"));

        assertThat(decision).isEqualTo(Decision.defer(local("Asia/Taipei", "2026-11-21T07:00"), "TW@2026.1", java.util.List.of(ReasonCode.QUIET_HOURS)));
    }

    @Test
    void onSpringForwardDayInNewYorkTheWindowOpensAt0800EdtWhichIsOneHourEarlierInUtc() {
        // 2026-03-08: clocks jump 02:00 EST → 03:00 EDT; 08:00 EDT = 12:00Z (a day earlier it was 13:00Z).
        var decision = ENGINE.decideAt(pack("US"), aBorrower().inZone("America/New_York").call(), local("America/New_York", "2026-03-08T01:30"));

        assertThat(decision).isInstanceOf(Decision.Defer.class);
        assertThat(((Decision.Defer) decision).until()).isEqualTo(java.time.Instant.parse("2026-03-08T12:00:00Z"));
    }

    @Test
    void onFallBackDayInNewYorkTheRepeatedHourStaysQuietAndTheWindowOpensAt0800Est() {
        // 2026-11-01: 01:00–02:00 happens twice; both are quiet hours; 08:00 EST = 13:00Z.
        var secondOneThirty = java.time.Instant.parse("2026-11-01T06:30:00Z"); // 01:30 EST, the second time
        var decision = ENGINE.decideAt(pack("US"), aBorrower().inZone("America/New_York").sms(), secondOneThirty);

        assertThat(decision).isEqualTo(Decision.defer(java.time.Instant.parse("2026-11-01T13:00:00Z"), "US@2026.1", java.util.List.of(ReasonCode.QUIET_HOURS)));
        assertThat(ENGINE.decideAt(pack("US"), aBorrower().inZone("America/New_York").sms(), java.time.Instant.parse("2026-11-02T01:59:59Z")))
                .as("20:59:59 EST on the fall-back day").isInstanceOf(Decision.Allow.class);
        assertThat(ENGINE.decideAt(pack("US"), aBorrower().inZone("America/New_York").sms(), java.time.Instant.parse("2026-11-02T02:00:00Z")))
                .as("21:00 EST on the fall-back day").isInstanceOf(Decision.Defer.class);
    }

    @Test
    void elderlyBorrowerTakesCallsOnlyFrom0900To2000ButSmsFromThePackOpening() {
        var elderly = aBorrower().inZone("Asia/Shanghai").flagged(BorrowerFlag.ELDERLY);

        assertThat(ENGINE.decideAt(pack("CN"), elderly.call(), local("Asia/Shanghai", "2026-11-18T08:30")))
                .isEqualTo(Decision.defer(local("Asia/Shanghai", "2026-11-18T09:00"), "CN@2026.1", java.util.List.of(ReasonCode.QUIET_HOURS)));
        assertThat(ENGINE.decideAt(pack("CN"), elderly.call(), local("Asia/Shanghai", "2026-11-18T19:59:59"))).isInstanceOf(Decision.Allow.class);
        assertThat(ENGINE.decideAt(pack("CN"), elderly.call(), local("Asia/Shanghai", "2026-11-18T20:00")))
                .isEqualTo(Decision.defer(local("Asia/Shanghai", "2026-11-19T09:00"), "CN@2026.1", java.util.List.of(ReasonCode.QUIET_HOURS)));
        assertThat(ENGINE.decideAt(pack("CN"), elderly.sms(), local("Asia/Shanghai", "2026-11-18T08:30"))).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void aNumberInBoiseOrLosAngelesIsCalledOnlyWhenItIsLawfulInBoth() {
        // Boise is one hour ahead of Los Angeles: the intersection is 08:00 LA (09:00 Boise) to 20:00 LA (21:00 Boise).
        var facts = aBorrower().inZone("America/Boise", "America/Los_Angeles").call();

        assertThat(ENGINE.decideAt(pack("US"), facts, local("America/Boise", "2026-11-18T08:30")))
                .isEqualTo(Decision.defer(local("America/Los_Angeles", "2026-11-18T08:00"), "US@2026.1", java.util.List.of(ReasonCode.QUIET_HOURS)));
        assertThat(ENGINE.decideAt(pack("US"), facts, local("America/Los_Angeles", "2026-11-18T19:59"))).isInstanceOf(Decision.Allow.class);
        assertThat(ENGINE.decideAt(pack("US"), facts, local("America/Los_Angeles", "2026-11-18T20:00")))
                .isEqualTo(Decision.defer(local("America/Los_Angeles", "2026-11-19T08:00"), "US@2026.1", java.util.List.of(ReasonCode.QUIET_HOURS)));
    }

    @Test
    void zonesWhoseWindowsNeverOverlapSuppressInsteadOfGuessing() {
        // 13–14 hour windows of two zones always overlap somewhere; three zones eight hours apart never do.
        var facts = aBorrower().inZone("Asia/Shanghai", "Europe/London", "America/Los_Angeles").sms();

        var decision = ENGINE.decideAt(pack("CN"), facts, local("Asia/Shanghai", "2026-11-18T10:00"));

        assertThat(decision).isEqualTo(Decision.suppress("CN@2026.1", java.util.List.of(ReasonCode.NO_COMMON_WINDOW)));
    }

    @Test
    void anAssumedZoneIsRecordedOnEveryDecision() {
        var facts = aBorrower().withAssumedZone("Asia/Hong_Kong").sms();

        assertThat(ENGINE.decideAt(pack("HK"), facts, local("Asia/Hong_Kong", "2026-11-18T10:00")).reasons()).containsExactly(ReasonCode.ZONE_ASSUMED);
        assertThat(ENGINE.decideAt(pack("HK"), facts, local("Asia/Hong_Kong", "2026-11-18T08:00")).reasons())
                .containsExactly(ReasonCode.QUIET_HOURS, ReasonCode.ZONE_ASSUMED);
    }

    @Test
    void aReminderWhoseFirstLawfulInstantIsPastNotAfterExpires() {
        var facts = aBorrower().inZone("Asia/Taipei").notAfter(local("Asia/Taipei", "2026-11-20T23:59")).sms();

        var decision = ENGINE.decideAt(pack("TW"), facts, local("Asia/Taipei", "2026-11-20T22:30"));

        assertThat(decision).isEqualTo(Decision.expired(local("Asia/Taipei", "2026-11-21T07:00"), "TW@2026.1",
                java.util.List.of(ReasonCode.QUIET_HOURS, ReasonCode.NOT_AFTER_PASSED)));
    }

    @Test
    void aReminderAskedForAfterItsNotAfterExpiresEvenInsideTheWindow() {
        var facts = aBorrower().inZone("Asia/Taipei").notAfter(local("Asia/Taipei", "2026-11-20T09:00")).sms();

        assertThat(ENGINE.decideAt(pack("TW"), facts, local("Asia/Taipei", "2026-11-20T10:00")))
                .isEqualTo(Decision.expired(local("Asia/Taipei", "2026-11-20T10:00"), "TW@2026.1", java.util.List.of(ReasonCode.NOT_AFTER_PASSED)));
    }

    @Test
    void decideUsesTheEnginesClock() {
        var at = local("Asia/Taipei", "2026-11-20T22:30");
        var engine = new PolicyEngine(java.time.Clock.fixed(at, java.time.ZoneOffset.UTC));

        assertThat(engine.decide(pack("TW"), aBorrower().inZone("Asia/Taipei").sms())).isEqualTo(ENGINE.decideAt(pack("TW"), aBorrower().inZone("Asia/Taipei").sms(), at));
    }

    @Test
    void anElderlyBorrowersCallHoursThatNoLongerOverlapATightenedWindowMeanNoCalls() {
        var us = RulePacks.load(java.util.Map.of("US.window.voice.start", "20:15")).get("US");

        assertThat(ENGINE.decideAt(us, aBorrower().inZone("America/New_York").flagged(BorrowerFlag.ELDERLY).call(), local("America/New_York", "2026-11-18T20:30")))
                .isEqualTo(Decision.suppress("US@2026.1", java.util.List.of(ReasonCode.QUIET_HOURS)));
    }
}
