package io.tixing.policy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Applies operator overrides ({@code CN.caps.sms-daily=2}) to a pack. The pack file holds the legal floor, so an
 * override may only tighten: a looser value is a configuration error, reported with the key, the value and the floor.
 *
 * <p>Keys (after the pack name): {@code window.<sms|email|voice>.start|end} (HH:mm), {@code caps.sms-daily},
 * {@code caps.email-daily}, {@code caps.total-daily}, {@code voice.conversations.max}, {@code voice.attempts.max},
 * {@code voice.cooldown-after-conversation} (ISO-8601 duration), {@code duplicate-window} (ISO-8601 duration),
 * {@code retention} (ISO-8601 period), {@code holidays} (comma-separated dates, added to the pack's own).
 */
final class RulePackOverrides {

    private RulePackOverrides() {}

    static RulePack apply(RulePack pack, String key, String value) {
        String prefix = pack.name() + ".";
        String path = key.substring(prefix.length());
        try {
            return applyPath(pack, key, path, value.trim());
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("override " + key + "=" + value + " cannot be parsed: " + e.getMessage(), e);
        }
    }

    private static RulePack applyPath(RulePack p, String key, String path, String value) {
        if (path.startsWith("window.")) return window(p, key, path, value);
        return switch (path) {
            case "caps.sms-daily" -> with(p, p.caps().with(atMost(key, value, p.caps().smsDaily()), p.caps().emailDaily(), p.caps().totalDaily()));
            case "caps.email-daily" -> with(p, p.caps().with(p.caps().smsDaily(), atMost(key, value, p.caps().emailDaily()), p.caps().totalDaily()));
            case "caps.total-daily" -> with(p, p.caps().with(p.caps().smsDaily(), p.caps().emailDaily(), atMost(key, value, p.caps().totalDaily())));
            case "voice.conversations.max" -> {
                if (p.voice().conversationCaps().isEmpty()) throw unknown(key, "pack " + p.name() + " has no conversation cap");
                List<ConversationCap> caps = p.voice().conversationCaps().stream()
                        .map(c -> new ConversationCap(atMost(key, value, c.max()), c.period(), c.scopes())).toList();
                yield with(p, new VoiceLimits(caps, p.voice().attemptCaps(), p.voice().cooldownAfterConversation()));
            }
            case "voice.attempts.max" -> {
                if (p.voice().attemptCaps().isEmpty()) throw unknown(key, "pack " + p.name() + " has no dial-attempt cap");
                List<DialAttemptCap> caps = p.voice().attemptCaps().stream()
                        .map(c -> new DialAttemptCap(atMost(key, value, c.max()), c.period(), c.scopes())).toList();
                yield with(p, new VoiceLimits(p.voice().conversationCaps(), caps, p.voice().cooldownAfterConversation()));
            }
            case "voice.cooldown-after-conversation" -> with(p, new VoiceLimits(p.voice().conversationCaps(), p.voice().attemptCaps(),
                    atLeast(key, value, Duration.parse(value), p.voice().cooldownAfterConversation())));
            case "duplicate-window" -> new RulePack(p.name(), p.version(), p.defaultZone(), p.windows(), p.caps(), p.voice(),
                    atLeast(key, value, Duration.parse(value), p.duplicateWindow()), p.retention(), p.holidays(), p.zones());
            case "retention" -> new RulePack(p.name(), p.version(), p.defaultZone(), p.windows(), p.caps(), p.voice(), p.duplicateWindow(),
                    atLeast(key, value, Period.parse(value), p.retention()), p.holidays(), p.zones());
            case "holidays" -> {
                // Adding blackout days only ever removes sending time, so any list tightens.
                Set<LocalDate> days = new HashSet<>(p.holidays());
                for (String d : value.split(",")) if (!d.isBlank()) days.add(LocalDate.parse(d.trim()));
                yield new RulePack(p.name(), p.version(), p.defaultZone(), p.windows(), p.caps(), p.voice(), p.duplicateWindow(),
                        p.retention(), days, p.zones());
            }
            default -> throw unknown(key, "unknown rule-pack key");
        };
    }

    private static RulePack window(RulePack p, String key, String path, String value) {
        String[] parts = path.split("\\.");
        if (parts.length != 3) throw unknown(key, "expected window.<sms|email|voice>.<start|end>");
        ChannelType channel;
        try {
            channel = ChannelType.valueOf(parts[1].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw unknown(key, "unknown channel '" + parts[1] + "'");
        }
        ContactWindow floor = p.window(channel);
        LocalTime time = LocalTime.parse(value);
        UncheckedWindow tightened = switch (parts[2]) {
            case "start" -> {
                if (time.isBefore(floor.start())) throw looser(key, value, floor.start() + " (the window may only open later)");
                yield new UncheckedWindow(time, floor.end());
            }
            case "end" -> {
                if (time.isAfter(floor.end())) throw looser(key, value, floor.end() + " (the window may only close earlier)");
                yield new UncheckedWindow(floor.start(), time);
            }
            default -> throw unknown(key, "expected start or end");
        };
        if (!tightened.start().isBefore(tightened.end())) {
            throw new IllegalArgumentException("override " + key + "=" + value + " leaves no contact window (" + tightened.start() + "–" + tightened.end() + ")");
        }
        Map<ChannelType, ContactWindow> windows = new EnumMap<>(p.windows());
        windows.put(channel, new ContactWindow(tightened.start(), tightened.end()));
        return new RulePack(p.name(), p.version(), p.defaultZone(), windows, p.caps(), p.voice(), p.duplicateWindow(), p.retention(), p.holidays(), p.zones());
    }

    /** Start and end before they are known to form a window, so the error can name the override. */
    private record UncheckedWindow(LocalTime start, LocalTime end) {}

    private static RulePack with(RulePack p, MessageCaps caps) {
        return new RulePack(p.name(), p.version(), p.defaultZone(), p.windows(), caps, p.voice(), p.duplicateWindow(), p.retention(), p.holidays(), p.zones());
    }

    private static RulePack with(RulePack p, VoiceLimits voice) {
        return new RulePack(p.name(), p.version(), p.defaultZone(), p.windows(), p.caps(), voice, p.duplicateWindow(), p.retention(), p.holidays(), p.zones());
    }

    private static int atMost(String key, String value, int floor) {
        int v = Integer.parseInt(value);
        if (v > floor) throw looser(key, value, floor + " (caps may only be lowered)");
        if (v < 1) throw new IllegalArgumentException("override " + key + "=" + value + " must be at least 1 (use an opt-out or hold to stop contact)");
        return v;
    }

    private static <T extends Comparable<? super T>> T atLeast(String key, String value, T v, T floor) {
        if (v.compareTo(floor) < 0) throw looser(key, value, floor + " (may only be lengthened)");
        return v;
    }

    private static Period atLeast(String key, String value, Period v, Period floor) {
        LocalDate base = LocalDate.of(2000, 1, 1);
        if (base.plus(v).isBefore(base.plus(floor))) throw looser(key, value, floor + " (may only be lengthened)");
        return v;
    }

    private static IllegalArgumentException looser(String key, String value, String floor) {
        return new IllegalArgumentException("override " + key + "=" + value + " loosens the rule pack below its legal floor " + floor);
    }

    private static IllegalArgumentException unknown(String key, String why) {
        return new IllegalArgumentException("unknown override key " + key + ": " + why);
    }
}
