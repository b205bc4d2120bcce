package io.tixing.policy;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every place the gateway has been told or can derive that the borrower may be (Reg F 1006.6(b)(1)(i): a time is
 * convenient only if it is convenient in every location the collector knows of). Locations accumulate and are never
 * replaced: the zone stated in this request and in any earlier one, and every zone of each phone number on file now
 * or earlier (libphonenumber; a US number often maps to several). A stated zone never silences the phone's zones.
 *
 * <p>Quiet hours are the intersection of the windows in all of {@link #zones()}. When nothing is known at all, the
 * pack's own zone list stands in (US: every US zone, see rulepacks/US.yaml) — still an intersection, not a guess; a
 * pack without a list assumes its default zone and the decision says ZONE_ASSUMED. Never the server's zone or UTC.
 */
public final class KnownLocations {

    /** How a zone became known. STATED and PHONE are facts of the borrower (stored); PACK and ASSUMED stand in for none. */
    public enum Source { STATED, PHONE, PACK, ASSUMED }

    /** One known zone and how it is known; {@code firstSeen}/{@code lastSeen} are null for facts not (yet) stored. */
    public record Location(ZoneId zone, Source source, Instant firstSeen, Instant lastSeen) {
        public Location {
            if (zone == null || source == null) throw new IllegalArgumentException("a location needs a zone and a source");
        }
    }

    private final List<Location> locations;
    private final List<ZoneId> zones;
    private final boolean assumed;

    private KnownLocations(List<Location> locations, boolean assumed) {
        if (locations.isEmpty()) throw new IllegalArgumentException("at least one zone");
        this.locations = List.copyOf(locations);
        this.zones = locations.stream().map(Location::zone).distinct().toList();
        this.assumed = assumed;
    }

    /**
     * The borrower's locations: the current stated zone and phone first (so the first zone is the one a person would
     * call the borrower's local time), then everything stored from earlier requests, each (zone, source) once.
     *
     * @param statedZone the zone the latest request states, or null
     * @param phoneE164  the phone number on file now, or null
     * @param stored     what earlier requests left (see the borrower_location table); may be empty
     * @throws IllegalArgumentException if {@code statedZone} is not an IANA zone
     */
    public static KnownLocations of(String statedZone, String phoneE164, Collection<Location> stored, RulePack pack) {
        Map<String, Location> byKey = new LinkedHashMap<>();
        for (ZoneId z : statedZones(statedZone)) byKey.put(key(z, Source.STATED), new Location(z, Source.STATED, null, null));
        for (ZoneId z : phoneZones(phoneE164)) byKey.putIfAbsent(key(z, Source.PHONE), new Location(z, Source.PHONE, null, null));
        for (Location l : stored) {
            if (l.source() != Source.STATED && l.source() != Source.PHONE) continue; // only facts accumulate
            byKey.put(key(l.zone(), l.source()), l); // keeps the position of a current fact, with its stored dates
        }
        if (!byKey.isEmpty()) return new KnownLocations(List.copyOf(byKey.values()), false);
        if (!pack.zones().isEmpty()) {
            return new KnownLocations(pack.zones().stream().map(z -> new Location(z, Source.PACK, null, null)).toList(), false);
        }
        return new KnownLocations(List.of(new Location(pack.defaultZone(), Source.ASSUMED, null, null)), true);
    }

    /** Every known location with its source, current facts first. */
    public List<Location> locations() { return locations; }

    /** The distinct zones, in the order of {@link #locations()}; never empty. */
    public List<ZoneId> zones() { return zones; }

    /** True when no zone is known and the pack's default zone is assumed (the decision then carries ZONE_ASSUMED). */
    public boolean assumed() { return assumed; }

    /** The zone shown as "the borrower's local time": the first (the stated zone when there is one). */
    public ZoneId displayZone() { return zones.getFirst(); }

    /** The stated zone as a list (empty when none); an unknown id is an error, never silently dropped. */
    public static List<ZoneId> statedZones(String statedZone) {
        if (statedZone == null || statedZone.isBlank()) return List.of();
        try {
            return List.of(ZoneId.of(statedZone.trim()));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + statedZone + "'", e);
        }
    }

    /**
     * Every zone libphonenumber says the number may be in; empty when there is no number or it cannot be parsed. The
     * same answer as {@code PhoneNumberToTimeZonesMapper.getTimeZonesForNumber} (see {@link #phoneZonesOfLibrary}), at a
     * fraction of its cost: a number seen recently is answered from memory (intake asks for the zones of each line's
     * number three times: validation, the known-locations write and the REQUEST entry's clock), and a new number is
     * parsed and typed once.
     */
    public static List<ZoneId> phoneZones(String phoneE164) {
        if (phoneE164 == null || phoneE164.isBlank()) return List.of();
        String key = phoneE164.trim();
        List<ZoneId> known = RECENT_PHONES.get(key);
        if (known != null) return known;
        var number = ParsedPhones.parse(key);
        List<ZoneId> zones = number == null ? List.of() : zonesOf(number, PHONES.getNumberType(number));
        RECENT_PHONES.put(key, zones);
        return zones;
    }

    /**
     * {@link #phoneZones(String)} for a number the caller has already parsed and typed (the intake validator does both):
     * no second parse, and the answer is remembered for the later calls about the same number.
     *
     * @param type {@code PhoneNumberUtil.getNumberType(number)}
     */
    public static List<ZoneId> phoneZones(String phoneE164, Phonenumber.PhoneNumber number, PhoneNumberType type) {
        List<ZoneId> zones = zonesOf(number, type);
        RECENT_PHONES.put(phoneE164.trim(), zones);
        return zones;
    }

    /**
     * What {@code PhoneNumberToTimeZonesMapper.getTimeZonesForNumber} does, with the number's type computed by the
     * caller (the mapper would compute it again, the costly part: every type pattern of the region is tried): an unknown
     * type has no zone; a number that is not geographical (e.g. toll-free) gets its country's zones; a geographical one
     * the zones of its longest prefix in the mapper's table. Only the time-zone ids are turned into ZoneIds once per
     * distinct list (the table has a few hundred).
     */
    private static List<ZoneId> zonesOf(Phonenumber.PhoneNumber number, PhoneNumberType type) {
        if (type == PhoneNumberType.UNKNOWN) return List.of();
        int country = number.getCountryCode();
        if (!PHONES.isNumberGeographical(type, country)) {
            // The mapper's country-level answer depends on the country code alone.
            return COUNTRY_ZONES.computeIfAbsent(country, cc -> zoneIds(ZONE_MAPPER.getTimeZonesForNumber(number)));
        }
        List<String> ids = ZONE_MAPPER.getTimeZonesForGeographicalNumber(number);
        List<ZoneId> zones = ZONE_LISTS.get(ids);
        if (zones == null) {
            zones = zoneIds(ids);
            ZONE_LISTS.putIfAbsent(List.copyOf(ids), zones);
        }
        return zones;
    }

    private static List<ZoneId> zoneIds(List<String> ids) {
        List<ZoneId> zones = new ArrayList<>(ids.size());
        for (String id : ids) {
            if (id.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())) continue;
            try {
                zones.add(ZoneId.of(id));
            } catch (DateTimeException unknownToThisJdk) {
                // a zone id the JDK's tz database lacks: skip it rather than guess
            }
        }
        return List.copyOf(zones);
    }

    /** The uncached answer, straight from libphonenumber: what {@link #phoneZones(String)} must always equal. */
    static List<ZoneId> phoneZonesOfLibrary(String phoneE164) {
        if (phoneE164 == null || phoneE164.isBlank()) return List.of();
        try {
            var number = PHONES.parse(phoneE164.trim(), null);
            List<String> ids = ZONE_MAPPER.getTimeZonesForNumber(number);
            List<ZoneId> zones = new ArrayList<>();
            for (String id : ids) {
                if (id.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())) continue;
                try {
                    zones.add(ZoneId.of(id));
                } catch (DateTimeException unknownToThisJdk) {
                    // as above
                }
            }
            return zones;
        } catch (NumberParseException e) {
            return List.of();
        }
    }

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToTimeZonesMapper ZONE_MAPPER = PhoneNumberToTimeZonesMapper.getInstance();
    /** Country code → the zones of its non-geographical numbers (at most the ~250 calling codes). */
    private static final Map<Integer, List<ZoneId>> COUNTRY_ZONES = new ConcurrentHashMap<>();
    /** The mapper's distinct zone-id lists → ZoneIds (bounded by its table: a few hundred lists). */
    private static final Map<List<String>, List<ZoneId>> ZONE_LISTS = new ConcurrentHashMap<>();
    /** Numbers seen recently → their zones; bounded (see {@link Recent}), so a million distinct numbers keep the heap flat. */
    private static final Recent<String, List<ZoneId>> RECENT_PHONES = new Recent<>(8_192);

    private static String key(ZoneId zone, Source source) { return zone.getId() + "|" + source; }

    @Override
    public boolean equals(Object o) {
        return o instanceof KnownLocations k && k.locations.equals(locations) && k.assumed == assumed;
    }

    @Override
    public int hashCode() { return locations.hashCode() * 31 + Boolean.hashCode(assumed); }

    @Override
    public String toString() { return "KnownLocations" + locations + (assumed ? " (assumed)" : ""); }
}
