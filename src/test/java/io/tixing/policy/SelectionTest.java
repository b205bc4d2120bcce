package io.tixing.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.ZoneId;
import java.time.ZoneOffset;

import static io.tixing.policy.Fixtures.PACKS;
import static io.tixing.policy.Fixtures.pack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SelectionTest {

    @ParameterizedTest(name = "jurisdiction={0} phone={1} locale={2} → {3}")
    @CsvSource(nullValues = "-", value = {
            "HK, +8613800138000, zh-CN, HK",
            "tw, -,              -,     TW",
            "-,  +8613800138000, en-US, CN",
            "-,  +85291234567,   -,     HK",
            "-,  +886912345678,  zh-CN, TW",
            "-,  +12125551234,   zh-TW, US",
            "-,  -,              zh-CN, CN",
            "-,  -,              zh-HK, HK",
            "-,  -,              zh_TW, TW",
            "-,  +441632960000,  en-US, STRICTEST",
            "-,  +14165550123,   en-US, STRICTEST",
            "-,  +16715550123,   en-US, STRICTEST",
            "-,  -,              en-US, US",
            "-,  -,              zh-Hant-TW, TW",
            "-,  +441632960000,  fr-FR, STRICTEST",
            "-,  -,              -,     STRICTEST",
            "-,  not-a-number,   zh,    STRICTEST",
            "-,  not-a-number,   zh-CN, STRICTEST"})
    void packIsChosenFromJurisdictionThenPhoneRegionElseStrictestAndFromTheLocaleOnlyWithoutAPhone(String jurisdiction, String phone, String locale, String expected) {
        assertThat(RulePackSelector.select(PACKS, jurisdiction, phone, locale).name()).isEqualTo(expected);
    }

    @Test
    void anUnknownJurisdictionIsAnErrorNotAGuess() {
        assertThatThrownBy(() -> RulePackSelector.select(PACKS, "SG", "+8613800138000", "zh-CN")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChineseMobileNumberIsInShanghai() {
        var known = KnownLocations.of(null, "+8613800138000", java.util.List.of(), pack("CN"));

        assertThat(known.zones()).containsExactly(ZoneId.of("Asia/Shanghai"));
        assertThat(known.assumed()).isFalse();
    }

    @Test
    void anIdahoNumberMayBeInBoiseOrLosAngelesSoBothAreKept() {
        var zones = KnownLocations.of(null, "+12082221234", java.util.List.of(), pack("US"));

        assertThat(zones.zones()).containsExactlyInAnyOrder(ZoneId.of("America/Boise"), ZoneId.of("America/Los_Angeles"));
        assertThat(zones.assumed()).isFalse();
    }

    @Test
    void theRequestZoneJoinsThePhonesZonesAndNeverSilencesThem() {
        assertThat(KnownLocations.of("America/Denver", "+12082221234", java.util.List.of(), pack("US")).zones())
                .containsExactly(ZoneId.of("America/Denver"), ZoneId.of("America/Boise"), ZoneId.of("America/Los_Angeles"));
    }

    @ParameterizedTest(name = "phone {0} gives no zone: the pack default is assumed")
    @CsvSource(nullValues = "-", value = {"-", "+441632960000", "garbage"})
    void withoutAZoneThePacksDefaultIsAssumedNeverUtc(String phone) {
        var zones = KnownLocations.of(null, phone, java.util.List.of(), pack("HK"));

        assertThat(zones.zones()).containsExactly(ZoneId.of("Asia/Hong_Kong"));
        assertThat(zones.assumed()).isTrue();
        assertThat(zones.zones()).doesNotContain(ZoneOffset.UTC, ZoneId.of("UTC"), ZoneId.systemDefault().equals(ZoneId.of("Asia/Hong_Kong")) ? ZoneOffset.UTC : ZoneId.systemDefault());
    }

    @Test
    void aTollFreeNumberMayBeAnywhereFromGuamToNewfoundlandAndIsCalledOnlyWhenLawfulInAllOfThem() {
        var resolved = KnownLocations.of(null, "+18005550100", java.util.List.of(), pack("US"));
        var borrower = new BorrowerProfile("B", java.util.Set.of(), java.util.Set.of(), java.util.Set.of(), resolved.zones(), resolved.assumed());
        var facts = new ContactFacts(borrower, new ContactTarget(ChannelType.VOICE, "L1", "t", "+18005550100", false, false), java.util.List.of(), null);

        var decision = Fixtures.ENGINE.decideAt(pack("US"), facts, java.time.Instant.parse("2026-11-18T12:00:00Z"));

        assertThat(resolved.zones()).contains(ZoneId.of("Pacific/Guam"), ZoneId.of("America/St_Johns"), ZoneId.of("Pacific/Honolulu"));
        assertThat(decision).isInstanceOf(Decision.Defer.class);
        var until = ((Decision.Defer) decision).until();
        for (ZoneId zone : resolved.zones()) {
            assertThat(until.atZone(zone).toLocalTime()).as(zone.getId()).isBetween(java.time.LocalTime.of(8, 0), java.time.LocalTime.of(20, 59, 59));
        }
        assertThat(until).as("08:00 in Guam, 17:00 in New York, 18:30 in St John's").isEqualTo(java.time.Instant.parse("2026-11-18T22:00:00Z"));
    }
}
