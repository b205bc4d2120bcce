package io.tixing.policy;

import java.time.ZoneId;
import java.util.List;

/** Stand-in: request zone, else the pack's default (assumed). */
public final class BorrowerZones {
    private BorrowerZones() {}

    public record ResolvedZones(List<ZoneId> zones, boolean assumed) {}

    public static ResolvedZones resolve(String requestZone, String phoneE164, RulePack pack) {
        if (requestZone != null) return new ResolvedZones(List.of(ZoneId.of(requestZone)), false);
        return new ResolvedZones(List.of(pack.defaultZone()), true);
    }
}
