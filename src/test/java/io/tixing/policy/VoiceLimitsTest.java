package io.tixing.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.tixing.policy.Fixtures.ENGINE;
import static io.tixing.policy.Fixtures.aBorrower;
import static io.tixing.policy.Fixtures.local;
import static io.tixing.policy.Fixtures.pack;
import static org.assertj.core.api.Assertions.assertThat;

class VoiceLimitsTest {

    @ParameterizedTest(name = "{0}: after 3 conversations today the next call waits for {2} tomorrow")
    @CsvSource({"CN, Asia/Shanghai, 08:00", "TW, Asia/Taipei, 07:00"})
    void threeConversationsADayThenTomorrow(String pack, String zone, String opening) {
        var facts = aBorrower().inZone(zone)
                .talkedTo(local(zone, "2026-11-18T09:00"), local(zone, "2026-11-18T11:00"), local(zone, "2026-11-18T14:00")).call();

        assertThat(ENGINE.decideAt(pack(pack), facts, local(zone, "2026-11-18T16:00")))
                .isEqualTo(Decision.defer(local(zone, "2026-11-19T" + opening), pack(pack).id(), List.of(ReasonCode.CAP_VOICE_CONVERSATIONS, ReasonCode.QUIET_HOURS)));
    }

    @Test
    void cnAllowsSixDialAttemptsPerNumberPerDay() {
        var zone = "Asia/Shanghai";
        var borrower = aBorrower().at("+8613800138000").dialled(
                local(zone, "2026-11-18T08:00"), local(zone, "2026-11-18T09:00"), local(zone, "2026-11-18T10:00"),
                local(zone, "2026-11-18T11:00"), local(zone, "2026-11-18T12:00"));
        var at = local(zone, "2026-11-18T13:00");

        assertThat(ENGINE.decideAt(pack("CN"), borrower.call(), at)).as("the 6th").isInstanceOf(Decision.Allow.class);

        borrower.dialled(local(zone, "2026-11-18T12:30"));
        assertThat(ENGINE.decideAt(pack("CN"), borrower.call(), at)).as("the 7th")
                .isEqualTo(Decision.defer(local(zone, "2026-11-19T08:00"), "CN@2026.1", List.of(ReasonCode.CAP_VOICE_ATTEMPTS, ReasonCode.QUIET_HOURS)));
        assertThat(ENGINE.decideAt(pack("CN"), borrower.at("+8613900139000").call(), at)).as("another number of the borrower").isInstanceOf(Decision.Allow.class);
    }

    @Test
    void anElderlyBorrowerInCnHasOneConversationAndThreeAttemptsADay() {
        var zone = "Asia/Shanghai";
        var talkedOnce = aBorrower().flagged(BorrowerFlag.ELDERLY).talkedTo(local(zone, "2026-11-18T10:00"));
        var dialledThrice = aBorrower().flagged(BorrowerFlag.ELDERLY)
                .dialled(local(zone, "2026-11-18T09:00"), local(zone, "2026-11-18T10:00"), local(zone, "2026-11-18T11:00"));

        assertThat(ENGINE.decideAt(pack("CN"), talkedOnce.call(), local(zone, "2026-11-18T15:00")).reasons())
                .containsExactly(ReasonCode.CAP_VOICE_CONVERSATIONS, ReasonCode.QUIET_HOURS);
        assertThat(ENGINE.decideAt(pack("CN"), dialledThrice.call(), local(zone, "2026-11-18T15:00")))
                .isEqualTo(Decision.defer(local(zone, "2026-11-19T09:00"), "CN@2026.1", List.of(ReasonCode.CAP_VOICE_ATTEMPTS, ReasonCode.QUIET_HOURS)));
    }

    @Test
    void hkAllowsThreeConversationsInAnyRollingWeekThenWaitsForTheOldestToFallOut() {
        var zone = "Asia/Hong_Kong";
        var facts = aBorrower().inZone(zone)
                .talkedTo(local(zone, "2026-11-16T10:15"), local(zone, "2026-11-18T10:00"), local(zone, "2026-11-20T10:00")).call();

        assertThat(ENGINE.decideAt(pack("HK"), facts, local(zone, "2026-11-22T11:00")))
                .isEqualTo(Decision.defer(local(zone, "2026-11-23T10:15"), "HK@2026.1", List.of(ReasonCode.CAP_VOICE_CONVERSATIONS)));
        assertThat(ENGINE.decideAt(pack("HK"), facts, local(zone, "2026-11-23T10:15"))).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void usSevenCallsInSevenDaysWithAConversationOnDayThreeWaitsForTheCooldown() {
        var zone = "America/Chicago";
        var borrower = aBorrower().inZone(zone).forLoan("L1").at("+13125551234")
                .dialled(local(zone, "2026-11-16T09:00"), local(zone, "2026-11-16T12:00"), local(zone, "2026-11-16T15:00"),
                        local(zone, "2026-11-17T09:00"), local(zone, "2026-11-17T12:00"), local(zone, "2026-11-17T15:00"))
                .talkedTo(local(zone, "2026-11-18T09:00"));

        var decision = ENGINE.decideAt(pack("US"), borrower.call(), local(zone, "2026-11-19T10:00"));

        // 7-in-7 alone would free a slot on the 23rd at 09:00; the conversation on the 18th blocks until the 25th 09:00.
        assertThat(decision).isEqualTo(Decision.defer(local(zone, "2026-11-25T09:00"), "US@2026.1",
                List.of(ReasonCode.CAP_VOICE_ATTEMPTS, ReasonCode.COOLDOWN_AFTER_CONVERSATION)));
        assertThat(ENGINE.decideAt(pack("US"), borrower.call(), local(zone, "2026-11-25T09:00"))).isInstanceOf(Decision.Allow.class);
        assertThat(ENGINE.decideAt(pack("US"), borrower.forLoan("L2").call(), local(zone, "2026-11-19T10:00")))
                .as("US caps are per debt").isInstanceOf(Decision.Allow.class);
    }

    @Test
    void usSevenUnansweredCallsDeferToWhenTheOldestFallsOutOfTheRollingWeek() {
        var zone = "America/New_York";
        var facts = aBorrower().inZone(zone).forLoan("L1")
                .dialled(local(zone, "2026-11-16T20:30"), local(zone, "2026-11-17T09:00"), local(zone, "2026-11-17T12:00"),
                        local(zone, "2026-11-18T09:00"), local(zone, "2026-11-18T12:00"), local(zone, "2026-11-19T09:00"),
                        local(zone, "2026-11-20T09:00")).call();

        var explanation = ENGINE.explain(pack("US"), facts, local(zone, "2026-11-22T10:00"));

        assertThat(explanation.decision()).isEqualTo(Decision.defer(local(zone, "2026-11-23T20:30"), "US@2026.1", List.of(ReasonCode.CAP_VOICE_ATTEMPTS)));
        assertThat(explanation.counters()).containsEntry("voice.attempts.7d", 7).containsEntry("voice.attempts.7d.cap", 7);
    }

    @Test
    void whenTheSlotFreesAfterTheWindowClosesTheCallWaitsForTheNextOpening() {
        var zone = "America/New_York";
        var facts = aBorrower().inZone(zone).forLoan("L1")
                .dialled(local(zone, "2026-11-16T20:59:30"), local(zone, "2026-11-17T09:00"), local(zone, "2026-11-17T12:00"),
                        local(zone, "2026-11-18T09:00"), local(zone, "2026-11-18T12:00"), local(zone, "2026-11-19T09:00"),
                        local(zone, "2026-11-20T09:00")).call();

        // The oldest call falls out at 20:59:30 on the 23rd, still inside 08:00–21:00: that is the answer.
        // With the window tightened to close at 20:00, the freed slot is past closing, so it waits for 08:00 next day.
        assertThat(ENGINE.decideAt(pack("US"), facts, local(zone, "2026-11-23T10:00")))
                .isEqualTo(Decision.defer(local(zone, "2026-11-23T20:59:30"), "US@2026.1", List.of(ReasonCode.CAP_VOICE_ATTEMPTS)));
        var tighter = RulePacks.load(java.util.Map.of("US.window.voice.end", "20:00")).get("US");
        assertThat(ENGINE.decideAt(tighter, facts, local(zone, "2026-11-23T10:00")))
                .isEqualTo(Decision.defer(local(zone, "2026-11-24T08:00"), "US@2026.1", List.of(ReasonCode.CAP_VOICE_ATTEMPTS, ReasonCode.QUIET_HOURS)));
    }

    @Test
    void withMoreThanSevenCallsInTheWeekEnoughOfTheOldestMustFallOutToMakeRoomForOneMore() {
        // Ten calls logged (e.g. before the cap was tightened): the four oldest must leave the window, the 4th at 17th 10:00 + 7 days.
        var zone = "America/New_York";
        var borrower = aBorrower().inZone(zone).forLoan("L1");
        for (int day = 16; day <= 20; day++) borrower.dialled(local(zone, "2026-11-" + day + "T09:00"), local(zone, "2026-11-" + day + "T10:00"));
        var facts = borrower.call(); // ten calls: 16th–20th, 09:00 and 10:00

        var explanation = ENGINE.explain(pack("US"), facts, local(zone, "2026-11-21T12:00"));

        assertThat(explanation.verdicts()).filteredOn(v -> v.rule().equals("DialAttemptLimit"))
                .extracting(RuleVerdict::until).containsExactly(local(zone, "2026-11-24T10:00"));
        assertThat(explanation.decision()).isEqualTo(Decision.defer(local(zone, "2026-11-24T10:00"), "US@2026.1", List.of(ReasonCode.CAP_VOICE_ATTEMPTS)));
    }

    @Test
    void aRollingWeekAcrossTheFallBackIsSevenLocalDaysNotOnly168Hours() {
        // The oldest call is at 10:00 EDT on Oct 29; clocks fall back on Nov 1, so 168 hours later is only 09:00 EST on Nov 5.
        var zone = "America/New_York";
        var facts = aBorrower().inZone(zone).forLoan("L1")
                .dialled(local(zone, "2026-10-29T10:00"), local(zone, "2026-10-30T10:00"), local(zone, "2026-10-31T10:00"),
                        local(zone, "2026-11-01T10:00"), local(zone, "2026-11-02T10:00"), local(zone, "2026-11-03T10:00"),
                        local(zone, "2026-11-04T10:00")).call();

        assertThat(ENGINE.decideAt(pack("US"), facts, local(zone, "2026-11-04T12:00")))
                .isEqualTo(Decision.defer(local(zone, "2026-11-05T10:00"), "US@2026.1", List.of(ReasonCode.CAP_VOICE_ATTEMPTS)));
    }
}
