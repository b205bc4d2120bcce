package io.tixing.policy;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the borrower's clock is: the request's zone if given; else every zone the phone number may be in (many US
 * numbers map to several: the engine then intersects the windows); else the pack's default zone, flagged as assumed
 * (the decision then carries ZONE_ASSUMED). Never the server's zone or UTC.
 */
public final class BorrowerZones {

    public record ResolvedZones(List<ZoneId> zones, boolean assumed) {
        public ResolvedZones {
            zones = List.copyOf(zones);
            if (zones.isEmpty()) throw new IllegalArgumentException("at least one zone");
        }
    }

    private BorrowerZones() {}

    public static ResolvedZones resolve(String requestZone, String phoneE164, RulePack pack) {
        if (requestZone != null && !requestZone.isBlank()) {
            try {
                return new ResolvedZones(List.of(ZoneId.of(requestZone.trim())), false);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("unknown time zone '" + requestZone + "'", e);
            }
        }
        List<ZoneId> fromPhone = phoneZones(phoneE164);
        if (!fromPhone.isEmpty()) return new ResolvedZones(fromPhone, false);
        return new ResolvedZones(List.of(pack.defaultZone()), true);
    }

    static List<ZoneId> phoneZones(String phoneE164) {
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
}
