package io.tixing.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulePacksTest {

    /** Per borrower and per contact point, as every shipped pack counts its message caps and conversations. */
    private static final java.util.Set<AttemptScope> BOTH = java.util.Set.of(AttemptScope.BORROWER, AttemptScope.CONTACT_POINT);

    private final RulePacks packs = RulePacks.load(Map.of());

    @Test
    void theFourShippedPacksAreLoadedFromTheClasspath() {
        assertThat(packs.all()).extracting(RulePack::id).containsExactlyInAnyOrder("CN@2026.1", "HK@2026.1", "TW@2026.1", "US@2026.1");
    }

    @ParameterizedTest(name = "{0}: {2}–{3} in {1}, retention {4}, history horizon {5}")
    @CsvSource({
            "CN, Asia/Shanghai,    08:00, 22:00, P5Y, P2D",
            "HK, Asia/Hong_Kong,   09:00, 22:00, P5Y, P8D",
            "TW, Asia/Taipei,      07:00, 22:00, P5Y, P2D",
            "US, America/New_York, 08:00, 21:00, P3Y, P8D"})
    void packNumbersMatchTheCompliancePaper(String name, String zone, LocalTime start, LocalTime end, Period retention, Duration horizon) {
        RulePack pack = packs.get(name);

        assertThat(pack.defaultZone()).isEqualTo(ZoneId.of(zone));
        for (ChannelType c : ChannelType.values()) assertThat(pack.window(c)).isEqualTo(new ContactWindow(start, end));
        assertThat(pack.caps()).isEqualTo(new MessageCaps(3, 3, 8, BOTH));
        assertThat(pack.duplicateWindow()).isEqualTo(Duration.ofHours(20));
        assertThat(pack.retention()).isEqualTo(retention);
        assertThat(pack.historyHorizon()).isEqualTo(horizon);
        assertThat(pack.holidays()).isEmpty();
    }

    @Test
    void voiceLimitsPerPack() {
        assertThat(packs.get("CN").voice()).isEqualTo(new VoiceLimits(List.of(new ConversationCap(3, CapPeriod.LOCAL_DAY, BOTH)),
                List.of(new DialAttemptCap(6, CapPeriod.LOCAL_DAY, AttemptScope.CONTACT_POINT)), Duration.ZERO));
        assertThat(packs.get("TW").voice()).isEqualTo(new VoiceLimits(List.of(new ConversationCap(3, CapPeriod.LOCAL_DAY, BOTH)), List.of(), Duration.ZERO));
        assertThat(packs.get("HK").voice()).isEqualTo(new VoiceLimits(List.of(new ConversationCap(3, CapPeriod.ROLLING_7_DAYS, BOTH)), List.of(), Duration.ZERO));
        assertThat(packs.get("US").voice()).isEqualTo(new VoiceLimits(List.of(),
                List.of(new DialAttemptCap(7, CapPeriod.ROLLING_7_DAYS, AttemptScope.LOAN)), Duration.ofDays(7)));
    }

    @Test
    void anUnknownPackIsAnError() {
        assertThatThrownBy(() -> packs.get("UK")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UK");
    }

    @Test
    void overridesMayTightenEveryNumber() {
        var tightened = RulePacks.load(Map.of(
                "CN.caps.sms-daily", "2",
                "CN.caps.total-daily", "5",
                "CN.voice.attempts.max", "4",
                "CN.voice.conversations.max", "2",
                "CN.holidays", "2027-02-05, 2027-02-06",
                "US.window.voice.start", "09:00",
                "US.window.sms.end", "20:30",
                "US.voice.cooldown-after-conversation", "P8D",
                "US.duplicate-window", "PT48H",
                "HK.retention", "P7Y"));

        RulePack cn = tightened.get("CN"), us = tightened.get("US");
        assertThat(cn.caps()).isEqualTo(new MessageCaps(2, 3, 5, BOTH));
        assertThat(cn.voice().attemptCaps()).extracting(DialAttemptCap::max).containsExactly(4);
        assertThat(cn.voice().conversationCaps()).extracting(ConversationCap::max).containsExactly(2);
        assertThat(cn.holidays()).containsExactlyInAnyOrder(LocalDate.of(2027, 2, 5), LocalDate.of(2027, 2, 6));
        assertThat(us.window(ChannelType.VOICE)).isEqualTo(new ContactWindow(LocalTime.of(9, 0), LocalTime.of(21, 0)));
        assertThat(us.window(ChannelType.SMS)).isEqualTo(new ContactWindow(LocalTime.of(8, 0), LocalTime.of(20, 30)));
        assertThat(us.window(ChannelType.EMAIL)).isEqualTo(new ContactWindow(LocalTime.of(8, 0), LocalTime.of(21, 0)));
        assertThat(us.voice().cooldownAfterConversation()).isEqualTo(Duration.ofDays(8));
        assertThat(us.duplicateWindow()).isEqualTo(Duration.ofHours(48));
        assertThat(us.historyHorizon()).isEqualTo(Duration.ofDays(9));
        assertThat(tightened.get("HK").retention()).isEqualTo(Period.ofYears(7));
        assertThat(tightened.get("TW")).isEqualTo(packs.get("TW"));
    }

    @ParameterizedTest(name = "{0}={1} is refused: floor {2}")
    @CsvSource({
            "CN.caps.sms-daily,                     4,     3",
            "HK.caps.email-daily,                   10,    3",
            "TW.caps.total-daily,                   9,     8",
            "US.window.voice.start,                 07:30, 08:00",
            "HK.window.sms.end,                     22:30, 22:00",
            "CN.voice.attempts.max,                 7,     6",
            "HK.voice.conversations.max,            4,     3",
            "US.voice.cooldown-after-conversation,  P6D,   PT168H",
            "US.duplicate-window,                   PT12H, PT20H",
            "US.retention,                          P2Y,   P3Y"})
    void overridesThatLoosenFailNamingKeyValueAndFloor(String key, String value, String floor) {
        assertThatThrownBy(() -> RulePacks.load(Map.of(key, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key).hasMessageContaining(value).hasMessageContaining(floor);
    }

    @ParameterizedTest
    @CsvSource({"CN.caps.sms-weekly, 2", "XX.caps.sms-daily, 2", "US.voice.conversations.max, 2", "CN.window.fax.start, 09:00", "CN.caps.sms-daily, many", "CN.window.sms.start, 22:00", "CN.caps.sms-daily, 0"})
    void unknownOrMalformedKeysFail(String key, String value) {
        assertThatThrownBy(() -> RulePacks.load(Map.of(key, value))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key);
    }

    @Test
    void theStrictestPackTakesEveryPacksStrictestValue() {
        RulePack strictest = packs.strictest();

        assertThat(strictest.window(ChannelType.SMS)).isEqualTo(new ContactWindow(LocalTime.of(9, 0), LocalTime.of(21, 0)));
        assertThat(strictest.voice().conversationCaps()).contains(new ConversationCap(3, CapPeriod.ROLLING_7_DAYS, BOTH));
        assertThat(strictest.voice().attemptCaps()).hasSize(2);
        assertThat(strictest.voice().cooldownAfterConversation()).isEqualTo(Duration.ofDays(7));
        assertThat(strictest.retention()).isEqualTo(Period.ofYears(5));
    }
}
