package io.tixing.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static io.tixing.policy.Fixtures.ENGINE;
import static io.tixing.policy.Fixtures.aBorrower;
import static io.tixing.policy.Fixtures.local;
import static io.tixing.policy.Fixtures.pack;
import static org.assertj.core.api.Assertions.assertThat;

class MessageCapsTest {

    @ParameterizedTest(name = "{0}: after 3 SMS today the 4th waits for {3} tomorrow")
    @CsvSource({
            "CN, Asia/Shanghai,    2026-11-18, 08:00",
            "HK, Asia/Hong_Kong,   2026-11-18, 09:00",
            "TW, Asia/Taipei,      2026-11-18, 07:00",
            "US, America/New_York, 2026-11-18, 08:00"})
    void theFourthSmsOfTheLocalDayIsDeferredToTheNextOpening(String pack, String zone, String day, String opening) {
        var facts = aBorrower().inZone(zone)
                .sentSms(local(zone, day + "T09:10"), local(zone, day + "T11:00"), local(zone, day + "T13:00")).sms();

        var decision = ENGINE.decideAt(pack(pack), facts, local(zone, day + "T15:00"));

        var tomorrow = java.time.LocalDate.parse(day).plusDays(1);
        assertThat(decision).isEqualTo(Decision.defer(local(zone, tomorrow + "T" + opening), pack(pack).id(),
                List.of(ReasonCode.CAP_SMS_DAILY, ReasonCode.QUIET_HOURS)));
    }

    @Test
    void twoSmsTodayLeaveRoomForAThird() {
        var facts = aBorrower().sentSms(local("Asia/Shanghai", "2026-11-18T09:00"), local("Asia/Shanghai", "2026-11-18T10:00")).sms();

        assertThat(ENGINE.decideAt(pack("CN"), facts, local("Asia/Shanghai", "2026-11-18T11:00"))).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void theDayIsTheBorrowersLocalDayNotTheUtcDay() {
        // 07:30 Shanghai on the 18th is 23:30Z on the 17th: it still counts for the borrower's 18th.
        var facts = aBorrower().inZone("Asia/Shanghai")
                .sentSms(local("Asia/Shanghai", "2026-11-17T21:00"), local("Asia/Shanghai", "2026-11-18T07:30"),
                        local("Asia/Shanghai", "2026-11-18T08:30"), local("Asia/Shanghai", "2026-11-18T09:30")).sms();

        assertThat(ENGINE.decideAt(pack("CN"), facts, local("Asia/Shanghai", "2026-11-18T10:00")))
                .isEqualTo(Decision.defer(local("Asia/Shanghai", "2026-11-19T08:00"), "CN@2026.1", List.of(ReasonCode.CAP_SMS_DAILY, ReasonCode.QUIET_HOURS)));
    }

    @Test
    void emailHasItsOwnDailyCap() {
        var zone = "Asia/Taipei";
        var facts = aBorrower().inZone(zone).sentSms(local(zone, "2026-11-18T08:00"), local(zone, "2026-11-18T09:00"), local(zone, "2026-11-18T10:00"))
                .sentEmail(local(zone, "2026-11-18T08:00"), local(zone, "2026-11-18T09:00"), local(zone, "2026-11-18T10:00"));

        assertThat(ENGINE.decideAt(pack("TW"), facts.email(), local(zone, "2026-11-18T12:00")))
                .isEqualTo(Decision.defer(local(zone, "2026-11-19T07:00"), "TW@2026.1", List.of(ReasonCode.CAP_EMAIL_DAILY, ReasonCode.QUIET_HOURS)));
    }

    @Test
    void anElderlyBorrowerGetsHalfTheDailyCapsRoundedDownButAtLeastOne() {
        var zone = "Asia/Shanghai";
        var oneSms = aBorrower().flagged(BorrowerFlag.ELDERLY).sentSms(local(zone, "2026-11-18T09:00"));
        var noneYet = aBorrower().flagged(BorrowerFlag.ELDERLY);

        assertThat(ENGINE.decideAt(pack("CN"), oneSms.sms(), local(zone, "2026-11-18T12:00")).reasons())
                .as("3 / 2 = 1 SMS a day").containsExactly(ReasonCode.CAP_SMS_DAILY, ReasonCode.QUIET_HOURS);
        assertThat(ENGINE.decideAt(pack("CN"), noneYet.sms(), local(zone, "2026-11-18T12:00"))).isInstanceOf(Decision.Allow.class);

        var capOfOne = RulePacks.load(Map.of("CN.caps.sms-daily", "1")).get("CN");
        assertThat(ENGINE.decideAt(capOfOne, noneYet.sms(), local(zone, "2026-11-18T12:00"))).as("1 / 2 rounds to 1, not 0").isInstanceOf(Decision.Allow.class);
    }

    @Test
    void theTotalDailyCapCountsEveryChannel() {
        var zone = "Asia/Shanghai";
        var packs = RulePacks.load(Map.of("CN.caps.total-daily", "4"));
        var facts = aBorrower().sentSms(local(zone, "2026-11-18T08:00"), local(zone, "2026-11-18T09:00"))
                .sentEmail(local(zone, "2026-11-18T08:00")).dialled(local(zone, "2026-11-18T10:00"));

        assertThat(ENGINE.decideAt(packs.get("CN"), facts.email(), local(zone, "2026-11-18T12:00")))
                .isEqualTo(Decision.defer(local(zone, "2026-11-19T08:00"), "CN@2026.1", List.of(ReasonCode.CAP_TOTAL_DAILY, ReasonCode.QUIET_HOURS)));
    }

    @Test
    void aFullDayInEitherOfTwoZonesDefersUntilBothHaveRoom() {
        // The 18th is full in both zones; the cap frees at the later midnight (LA's), then both windows must be open.
        var facts = aBorrower().inZone("America/Boise", "America/Los_Angeles")
                .sentSms(local("America/Los_Angeles", "2026-11-18T10:00"), local("America/Los_Angeles", "2026-11-18T11:00"),
                        local("America/Los_Angeles", "2026-11-18T12:00")).sms();

        assertThat(ENGINE.decideAt(pack("US"), facts, local("America/Los_Angeles", "2026-11-18T13:00")))
                .isEqualTo(Decision.defer(local("America/Los_Angeles", "2026-11-19T08:00"), "US@2026.1", List.of(ReasonCode.CAP_SMS_DAILY, ReasonCode.QUIET_HOURS)));
    }

    @Test
    void aBlackoutDayDefersToTheOpeningOfTheNextDay() {
        var cn = RulePacks.load(Map.of("CN.holidays", "2027-02-06")).get("CN");

        var decision = ENGINE.decideAt(cn, aBorrower().sms(), local("Asia/Shanghai", "2027-02-06T10:00"));

        assertThat(decision).isEqualTo(Decision.defer(local("Asia/Shanghai", "2027-02-07T08:00"), "CN@2026.1", List.of(ReasonCode.HOLIDAY, ReasonCode.QUIET_HOURS)));
    }

    @Test
    void theExplanationShowsEveryRuleAndTheCounters() {
        var zone = "Asia/Shanghai";
        var facts = aBorrower().sentSms(local(zone, "2026-11-18T08:00"), local(zone, "2026-11-18T09:00"), local(zone, "2026-11-18T10:00")).sms();

        var explanation = ENGINE.explain(pack("CN"), facts, local(zone, "2026-11-18T12:00"));

        assertThat(explanation.counters()).containsEntry("sms.today", 3).containsEntry("sms.today.cap", 3).containsEntry("contacts.today", 3);
        assertThat(explanation.verdicts()).filteredOn(v -> v.kind() == RuleVerdict.Kind.DEFER)
                .containsExactly(new RuleVerdict("DailySmsCap", RuleVerdict.Kind.DEFER, ReasonCode.CAP_SMS_DAILY, local(zone, "2026-11-19T00:00")));
        assertThat(explanation.nextAllowed()).isEqualTo(local(zone, "2026-11-19T08:00"));
        assertThat(explanation.decision()).isInstanceOf(Decision.Defer.class);
    }
}
