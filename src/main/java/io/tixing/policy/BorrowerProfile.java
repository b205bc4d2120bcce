package io.tixing.policy;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * What the engine knows about the borrower.
 *
 * @param zones        every zone the borrower may be in ({@link KnownLocations#zones()}); more than one means the
 *                     contact window is the intersection of the windows in all of them
 * @param zoneAssumed  true when no zone could be found and the pack's default zone is used
 */
public record BorrowerProfile(String borrowerId, Set<BorrowerFlag> flags, Set<HoldType> holds,
                              Set<ChannelType> optedOut, List<ZoneId> zones, boolean zoneAssumed) {
    public BorrowerProfile {
        flags = Set.copyOf(flags);
        holds = Set.copyOf(holds);
        optedOut = Set.copyOf(optedOut);
        zones = List.copyOf(zones);
        if (zones.isEmpty()) throw new IllegalArgumentException("a borrower needs at least one zone");
    }
}
