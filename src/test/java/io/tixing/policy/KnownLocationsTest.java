package io.tixing.policy;

import io.tixing.policy.KnownLocations.Location;
import io.tixing.policy.KnownLocations.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.tixing.policy.Fixtures.ENGINE;
import static io.tixing.policy.Fixtures.PACKS;
import static io.tixing.policy.Fixtures.local;
import static io.tixing.policy.Fixtures.pack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Known locations (Reg F 1006.6(b)(1)(i)): every zone the gateway knows of binds, and the DEFER instant is exact. */
class KnownLocationsTest {

    static final String GUAM_MOBILE = "+16714721234";
    static final Instant EARLIER = Instant.parse("2026-10-01T00:00:00Z");

    private static ContactFacts facts(KnownLocations known, ChannelType channel, String contactPoint) {
        var borrower = new BorrowerProfile("B1", Set.of(), Set.of(), Set.of(), known.zones(), known.assumed());
        return new ContactFacts(borrower, new ContactTarget(channel, "L1", "overdue-reminder", contactPoint, false, false), List.of(), null);
    }

    @Test
    void a_guam_phone_stated_as_honolulu_is_deferred_to_0800_guam_time() {
        var known = KnownLocations.of("Pacific/Honolulu", GUAM_MOBILE, List.of(), pack("US"));
        Instant at = local("Pacific/Guam", "2026-11-24T05:25"); // 09:25 the day before in Honolulu: lawful there only

        var explanation = ENGINE.explain(pack("US"), facts(known, ChannelType.SMS, GUAM_MOBILE), at);

        assertThat(known.zones()).containsExactly(ZoneId.of("Pacific/Honolulu"), ZoneId.of("Pacific/Guam"));
        assertThat(explanation.decision())
                .isEqualTo(Decision.defer(local("Pacific/Guam", "2026-11-24T08:00"), "US@2026.1", List.of(ReasonCode.QUIET_HOURS)));
        assertThat(explanation.bindingZone()).isEqualTo(ZoneId.of("Pacific/Guam"));
    }

    @Test
    void a_stated_zone_never_silences_the_phones_zones() {
        var known = KnownLocations.of("America/New_York", "+13102221234", List.of(), pack("US"));

        assertThat(known.locations()).extracting(Location::zone, Location::source).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ZoneId.of("America/New_York"), Source.STATED),
                org.assertj.core.groups.Tuple.tuple(ZoneId.of("America/Los_Angeles"), Source.PHONE));
        assertThat(known.displayZone()).as("the stated zone is still the local time shown").isEqualTo(ZoneId.of("America/New_York"));
    }

    @Test
    void a_zone_stated_in_an_earlier_request_still_binds_a_later_request_that_states_another_zone() {
        var earlier = List.of(new Location(ZoneId.of("America/Los_Angeles"), Source.STATED, EARLIER, EARLIER));
        var known = KnownLocations.of("America/New_York", null, earlier, pack("US"));
        Instant at = local("America/New_York", "2026-11-23T09:30"); // 06:30 in Los Angeles

        var explanation = ENGINE.explain(pack("US"), facts(known, ChannelType.EMAIL, "w@example.com"), at);

        assertThat(explanation.decision()).isInstanceOf(Decision.Defer.class);
        assertThat(((Decision.Defer) explanation.decision()).until()).isEqualTo(local("America/Los_Angeles", "2026-11-23T08:00"));
        assertThat(explanation.bindingZone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThat(known.locations()).extracting(Location::firstSeen).containsExactly(null, EARLIER);
    }

    @Test
    void a_phone_number_on_file_earlier_still_binds_after_the_borrower_changes_number() {
        var earlier = List.of(new Location(ZoneId.of("Pacific/Guam"), Source.PHONE, EARLIER, EARLIER));
        var known = KnownLocations.of(null, "+12125551234", earlier, pack("US"));

        assertThat(known.zones()).containsExactly(ZoneId.of("America/New_York"), ZoneId.of("Pacific/Guam"));
    }

    @Test
    void an_email_only_us_borrower_with_no_zone_at_0730_los_angeles_is_deferred_until_lawful_in_every_us_zone() {
        var known = KnownLocations.of(null, null, List.of(), pack("US"));
        Instant at = local("America/Los_Angeles", "2026-11-23T07:30"); // 10:30 in New York: lawful there, not in LA
        assertThat(at).isEqualTo(local("America/New_York", "2026-11-23T10:30"));

        var explanation = ENGINE.explain(pack("US"), facts(known, ChannelType.EMAIL, "w@example.com"), at);

        // Not New York's 10:30 (allowed) and not LA's 08:00: the last US window to open is Guam's, at 08:00 on the 24th,
        // which is 17:00 in New York, 14:00 in Los Angeles, 12:00 in Honolulu, 11:00 in Pago Pago.
        Instant until = local("Pacific/Guam", "2026-11-24T08:00");
        assertThat(explanation.decision()).isEqualTo(Decision.defer(until, "US@2026.1", List.of(ReasonCode.QUIET_HOURS)));
        assertThat(until).isEqualTo(local("America/New_York", "2026-11-23T17:00"));
        assertThat(explanation.bindingZone()).isEqualTo(ZoneId.of("Pacific/Guam"));
        assertThat(known.assumed()).as("a zone list, not an assumed New York: no ZONE_ASSUMED").isFalse();
        assertThat(known.locations()).extracting(Location::source).containsOnly(Source.PACK);
        for (ZoneId zone : known.zones()) {
            assertThat(until.atZone(zone).toLocalTime()).as(zone.getId()).isBetween(LocalTime.of(8, 0), LocalTime.of(20, 59, 59));
        }
    }

    @Test
    void the_us_pack_zone_list_covers_the_contiguous_states_alaska_hawaii_and_the_territories() {
        assertThat(pack("US").zones()).contains(ZoneId.of("America/New_York"), ZoneId.of("America/Chicago"), ZoneId.of("America/Denver"),
                ZoneId.of("America/Phoenix"), ZoneId.of("America/Los_Angeles"), ZoneId.of("America/Anchorage"), ZoneId.of("America/Adak"),
                ZoneId.of("Pacific/Honolulu"), ZoneId.of("America/Puerto_Rico"), ZoneId.of("Pacific/Guam"), ZoneId.of("Pacific/Pago_Pago"));
        assertThat(pack("CN").zones()).as("a pack without a list assumes its default zone").isEmpty();
    }

    @Test
    void a_pack_without_a_zone_list_still_assumes_its_default_zone_and_says_so() {
        var known = KnownLocations.of(null, null, List.of(), pack("TW"));
        var decision = ENGINE.decideAt(pack("TW"), facts(known, ChannelType.EMAIL, "w@example.com"), local("Asia/Taipei", "2026-11-23T12:00"));

        assertThat(known.zones()).containsExactly(ZoneId.of("Asia/Taipei"));
        assertThat(known.locations()).extracting(Location::source).containsExactly(Source.ASSUMED);
        assertThat(decision.reasons()).containsExactly(ReasonCode.ZONE_ASSUMED);
    }

    @Test
    void an_unknown_stated_zone_is_an_error_not_a_silent_drop() {
        assertThatThrownBy(() -> KnownLocations.of("Mars/Olympus", null, List.of(), pack("US"))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} with locale en-US and no jurisdiction → STRICTEST")
    @CsvSource({"+442079460000", "+14169671111", "+16714721234"})
    void a_phone_region_with_no_pack_gets_the_strictest_pack_not_the_locales(String phone) {
        assertThat(RulePackSelector.select(PACKS, null, phone, "en-US").name()).isEqualTo("STRICTEST");
        assertThat(RulePackSelector.select(PACKS, null, null, "en-US").name()).as("without a phone the locale decides").isEqualTo("US");
    }

    @Test
    void windows_of_known_zones_that_never_meet_are_suppressed_with_no_common_window() {
        // 09:00–21:00 (STRICTEST) in Shanghai, London and Los Angeles: any two overlap, all three never do, in any season.
        var known = KnownLocations.of("Europe/London", "+13102221234",
                List.of(new Location(ZoneId.of("Asia/Shanghai"), Source.STATED, EARLIER, EARLIER)), PACKS.strictest());
        long started = System.nanoTime();

        var decision = ENGINE.decideAt(PACKS.strictest(), facts(known, ChannelType.SMS, "+13102221234"), Instant.parse("2026-11-23T02:00:00Z"));

        assertThat(decision).isEqualTo(Decision.suppress(PACKS.strictest().id(), List.of(ReasonCode.NO_COMMON_WINDOW)));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the search ends quickly").isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void the_defer_instant_is_the_first_minute_lawful_in_every_zone_across_dst_changes() {
        // Brute force against the rule: for random instants around the spring and autumn DST changes and random sets of
        // zones, no minute between the request and the DEFER instant is lawful everywhere, and the instant itself is.
        List<ZoneId> pool = List.of(ZoneId.of("America/New_York"), ZoneId.of("America/Los_Angeles"), ZoneId.of("Europe/London"),
                ZoneId.of("Pacific/Honolulu"), ZoneId.of("Pacific/Guam"), ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Asia/Kolkata"),
                ZoneId.of("America/St_Johns"), ZoneId.of("Pacific/Chatham"), ZoneId.of("America/Adak"));
        ContactWindow window = pack("US").window(ChannelType.SMS);
        Random random = new Random(11);
        Instant[] seasons = {Instant.parse("2026-03-07T00:00:00Z"), Instant.parse("2026-03-28T00:00:00Z"),
                Instant.parse("2026-10-24T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z")};
        for (int i = 0; i < 150; i++) {
            List<ZoneId> zones = new ArrayList<>(pool);
            java.util.Collections.shuffle(zones, random);
            zones = zones.subList(0, 1 + random.nextInt(3));
            Instant at = seasons[random.nextInt(seasons.length)].plus(random.nextInt(3 * 24 * 60), ChronoUnit.MINUTES);

            Instant first = QuietHours.firstLawfulInAll(window, zones, at);

            if (first == null) continue; // no common window: checked above
            for (Instant t = at; t.isBefore(first); t = t.plus(1, ChronoUnit.MINUTES)) {
                Instant probe = t;
                assertThat(zones.stream().allMatch(z -> window.contains(probe, z))).as("%s lawful everywhere before %s for %s", t, first, zones).isFalse();
            }
            Instant found = first;
            assertThat(zones).as("lawful everywhere at %s", first).allMatch(z -> window.contains(found, z));
        }
    }

    @Test
    void a_window_opening_in_a_spring_forward_gap_opens_at_the_transition_not_an_hour_later() {
        // 2026-03-08 New York: 02:00 EST jumps to 03:00 EDT. A window from 02:30 first holds at the jump itself.
        var window = new ContactWindow(LocalTime.of(2, 30), LocalTime.of(21, 0));
        Instant jump = Instant.parse("2026-03-08T07:00:00Z");

        assertThat(window.nextOpening(jump.minusSeconds(60), ZoneId.of("America/New_York"))).isEqualTo(jump);
    }

    /** Mainland, Taiwan, Hong Kong, NANP (Guam, Honolulu, an area code in two zones, toll-free), +7, and numbers that fail. */
    static final List<String> PHONE_TABLE = List.of(
            "+8613800138000", "+8618912345678", "+861012345678", "+862161234567", "+869912345678", "+8640012345678",
            "+886912345678", "+886223456789", "+85291234567", "+85221234567", "+85361234567",
            GUAM_MOBILE, "+18089231234", "+12125551234", "+13102221234", "+18502221234", "+12082221234", "+16052221234", "+19072221234", "+18005551234",
            "+16702345678", "+17875551234",
            "+74951234567", "+79123456789", "+73832123456", "+77012345678", "+77172123456",
            "+442087712924", "+815012345678", "+80012345678",
            "+8612", "+1", "+99912345", "not a number", " +8613800138000 ", "", "  ");

    @Test
    void a_phones_zones_are_the_same_whether_computed_remembered_or_taken_from_the_validators_parse() throws Exception {
        var util = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();
        for (int round = 0; round < 2; round++) { // the second round is answered from memory
            for (String phone : PHONE_TABLE) {
                assertThat(KnownLocations.phoneZones(phone)).as("%s, round %d", phone, round)
                        .isEqualTo(KnownLocations.phoneZonesOfLibrary(phone));
            }
        }
        for (String phone : PHONE_TABLE) {
            com.google.i18n.phonenumbers.Phonenumber.PhoneNumber number;
            try {
                number = util.parse(phone.trim(), null);
            } catch (com.google.i18n.phonenumbers.NumberParseException notANumber) {
                continue; // the validator refuses it before asking for zones
            }
            assertThat(KnownLocations.phoneZones(phone, number, util.getNumberType(number))).as(phone)
                    .isEqualTo(KnownLocations.phoneZonesOfLibrary(phone));
        }
        assertThat(KnownLocations.phoneZones(null)).isEmpty();
        // The table must exercise what it claims: several zones, the country-level list, and none.
        assertThat(KnownLocations.phoneZones(GUAM_MOBILE)).containsExactly(ZoneId.of("Pacific/Guam"));
        assertThat(KnownLocations.phoneZones("+18089231234")).containsExactly(ZoneId.of("Pacific/Honolulu"));
        assertThat(KnownLocations.phoneZones("+12082221234")).containsExactly(ZoneId.of("America/Boise"), ZoneId.of("America/Los_Angeles"));
        assertThat(KnownLocations.phoneZones("+79123456789")).as("a Russian mobile: every zone of +7").hasSizeGreaterThan(10);
        assertThat(KnownLocations.phoneZones("+18005551234")).as("toll-free: every NANP zone").hasSizeGreaterThan(20);
        assertThat(KnownLocations.phoneZones("+8613800138000")).containsExactly(ZoneId.of("Asia/Shanghai"));
        assertThat(KnownLocations.phoneZones("+8612")).isEmpty();
    }

    @Test
    void random_valid_numbers_of_many_regions_get_the_zones_libphonenumber_gives() {
        var util = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();
        Random random = new Random(15);
        int checked = 0;
        for (String region : List.of("CN", "TW", "HK", "MO", "US", "CA", "GU", "MP", "AS", "PR", "RU", "KZ", "MX", "BR", "AU", "ID", "IN", "GB")) {
            for (var type : List.of(com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType.MOBILE,
                    com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType.FIXED_LINE,
                    com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType.TOLL_FREE)) {
                var example = util.getExampleNumberForType(region, type);
                if (example == null) continue;
                String e164 = util.format(example, com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat.E164);
                for (int i = 0; i < 20; i++) { // the example with its last digits varied: other prefixes, some invalid
                    String digits = e164.substring(0, Math.max(4, e164.length() - 1 - random.nextInt(5)));
                    StringBuilder phone = new StringBuilder(digits);
                    while (phone.length() < e164.length()) phone.append(random.nextInt(10));
                    assertThat(KnownLocations.phoneZones(phone.toString())).as(phone.toString())
                            .isEqualTo(KnownLocations.phoneZonesOfLibrary(phone.toString()));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(500);
    }

    @Test
    void the_memory_of_recent_numbers_stays_bounded_and_keeps_the_latest() {
        var recent = new Recent<String, Integer>(100);
        for (int i = 0; i < 10_000; i++) recent.put("n" + i, i);

        assertThat(recent.size()).isLessThanOrEqualTo(200);
        for (int i = 9_900; i < 10_000; i++) assertThat(recent.get("n" + i)).isEqualTo(i);
        assertThat(recent.get("n0")).isNull();
    }
}
