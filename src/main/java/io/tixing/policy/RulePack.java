package io.tixing.policy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A jurisdiction's contact rules as data (see {@code src/main/resources/rulepacks/}); loaded by {@link RulePacks}.
 * The values in the shipped files are the floors: configuration may only tighten them.
 * The name and version go into every decision.
 *
 * @param windows         lawful daily window per channel, borrower-local time
 * @param duplicateWindow a message with the same template and loan sent this recently is a duplicate
 * @param retention       how long contact-log records are kept at least
 * @param holidays        optional blackout days (borrower-local dates); empty = none
 * @param zones           where a borrower of this pack may be when nothing else is known (no stated zone, no phone):
 *                        the contact window is then the intersection over all of them (see {@link KnownLocations});
 *                        empty = assume {@code defaultZone} and flag the decision ZONE_ASSUMED
 */
public record RulePack(String name, String version, ZoneId defaultZone, Map<ChannelType, ContactWindow> windows,
                       MessageCaps caps, VoiceLimits voice, Duration duplicateWindow, Period retention,
                       Set<LocalDate> holidays, java.util.List<ZoneId> zones) {

    public RulePack {
        windows = Map.copyOf(new EnumMap<>(windows));
        for (ChannelType c : ChannelType.values()) {
            if (!windows.containsKey(c)) throw new IllegalArgumentException("pack " + name + " has no contact window for " + c);
        }
        holidays = Set.copyOf(holidays);
        zones = zones == null ? java.util.List.of() : java.util.List.copyOf(new java.util.LinkedHashSet<>(zones));
        if (duplicateWindow.isNegative()) throw new IllegalArgumentException("duplicate window must not be negative");
    }

    /** "CN@2026.1": how a decision names the pack that made it. */
    public String id() { return name + "@" + version; }

    public ContactWindow window(ChannelType channel) { return windows.get(channel); }

    /**
     * How far back the caller must supply contact history so every rule of this pack sees what it counts:
     * the longest look-back of any rule (a local day, a rolling week, the cooldown, the duplicate window)
     * plus one day of margin for local days that started before the UTC day.
     */
    public Duration historyHorizon() {
        Duration longest = Duration.ofDays(1);
        boolean rollingWeek = Stream.concat(voice.conversationCaps().stream().map(ConversationCap::period),
                voice.attemptCaps().stream().map(DialAttemptCap::period)).anyMatch(p -> p == CapPeriod.ROLLING_7_DAYS);
        if (rollingWeek) longest = Duration.ofDays(7);
        if (voice.cooldownAfterConversation().compareTo(longest) > 0) longest = voice.cooldownAfterConversation();
        if (duplicateWindow.compareTo(longest) > 0) longest = duplicateWindow;
        return longest.plusDays(1);
    }
}
