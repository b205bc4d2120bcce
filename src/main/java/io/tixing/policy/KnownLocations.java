package io.tixing.policy;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** Every zone libphonenumber says the number may be in; empty when there is no number or it cannot be parsed. */
    public static List<ZoneId> phoneZones(String phoneE164) {
        if (phoneE164 == null || phoneE164.isBlank()) return List.of();
        try {
            var number = PhoneNumberUtil.getInstance().parse(phoneE164.trim(), null);
            List<ZoneId> zones = new ArrayList<>();
            for (String id : PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(number)) {
                if (id.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())) continue;
                try {
                    zones.add(ZoneId.of(id));
                } catch (DateTimeException unknownToThisJdk) {
                    // a zone id the JDK's tz database lacks: skip it rather than guess
                }
            }
            return zones;
        } catch (NumberParseException e) {
            return List.of();
        }
    }

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
