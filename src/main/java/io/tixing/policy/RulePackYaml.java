package io.tixing.policy;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one rule-pack YAML file (format: see {@code rulepacks/CN.yaml}). Missing keys fail loudly: a pack is law.
 * Plain SnakeYAML (a parser, not a framework) with no implicit typing: every scalar stays the text the file says, so
 * {@code 08:00} is never read as a YAML 1.1 sexagesimal number nor a date as {@code java.util.Date}; this class parses.
 */
final class RulePackYaml {

    private RulePackYaml() {}

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        Resolver textOnly = new Resolver() {
            @Override
            protected void addImplicitResolvers() {}
        };
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options, textOnly);
    }

    static RulePack read(InputStream in, String source) {
        try {
            Object root = yaml().load(in);
            if (!(root instanceof Map<?, ?>)) throw new IllegalArgumentException("not a YAML mapping");
            return parse(root, source);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot read rule pack " + source + ": " + e.getMessage(), e);
        }
    }

    private static RulePack parse(Object root, String source) {
        String name = text(root, "name", source);
        Map<ChannelType, ContactWindow> windows = new EnumMap<>(ChannelType.class);
        Object window = required(root, "window", source);
        for (ChannelType channel : ChannelType.values()) {
            Object w = required(window, channel.name().toLowerCase(Locale.ROOT), source);
            windows.put(channel, new ContactWindow(LocalTime.parse(text(w, "start", source)), LocalTime.parse(text(w, "end", source))));
        }
        Object caps = required(root, "caps", source);
        MessageCaps messageCaps = new MessageCaps(integer(caps, "sms-daily", source), integer(caps, "email-daily", source),
                integer(caps, "total-daily", source), scopes(caps, source));
        Object voice = required(root, "voice", source);
        List<ConversationCap> conversations = new ArrayList<>();
        for (Object c : listOf(get(voice, "conversations"))) {
            conversations.add(new ConversationCap(integer(c, "max", source), CapPeriod.parse(text(c, "per", source)), scopes(c, source)));
        }
        List<DialAttemptCap> attempts = new ArrayList<>();
        for (Object a : listOf(get(voice, "attempts"))) {
            attempts.add(new DialAttemptCap(integer(a, "max", source), CapPeriod.parse(text(a, "per", source)), scopes(a, source)));
        }
        Object cooldown = get(voice, "cooldown-after-conversation");
        Duration cooldownAfter = isNull(cooldown) ? Duration.ZERO : Duration.parse(asText(cooldown));
        Set<LocalDate> holidays = new HashSet<>();
        for (Object h : listOf(get(root, "holidays"))) holidays.add(LocalDate.parse(asText(h)));
        List<ZoneId> zones = new ArrayList<>();
        for (Object z : listOf(get(root, "zones"))) zones.add(ZoneId.of(asText(z)));
        return new RulePack(name, text(root, "version", source), ZoneId.of(text(root, "defaultZone", source)), windows, messageCaps,
                new VoiceLimits(conversations, attempts, cooldownAfter), Duration.parse(text(root, "duplicate-window", source)),
                Period.parse(text(root, "retention", source)), holidays, zones);
    }

    /** A key holding one map or a list of maps (a single limit or several). */
    private static List<Object> listOf(Object node) {
        if (isNull(node)) return List.of();
        if (node instanceof List<?> list) return new ArrayList<>(list);
        return List.of(node);
    }

    /** What Jackson called null: no value, {@code null} or {@code ~} (scalars are untyped text here). */
    private static boolean isNull(Object node) {
        return node == null || node instanceof String t && (t.isEmpty() || t.equals("~") || t.equalsIgnoreCase("null"));
    }

    private static Object get(Object node, String key) { return node instanceof Map<?, ?> map ? map.get(key) : null; }

    private static String asText(Object node) { return node instanceof String t ? t : ""; }

    /** {@code scope: contact-point} or {@code scope: [borrower, contact-point]}: what the cap is counted against. */
    private static Set<AttemptScope> scopes(Object node, String source) {
        Object value = required(node, "scope", source);
        Set<AttemptScope> scopes = java.util.EnumSet.noneOf(AttemptScope.class);
        for (Object s : listOf(value)) scopes.add(AttemptScope.parse(asText(s)));
        if (scopes.isEmpty()) throw new IllegalArgumentException(source + ": 'scope' names no scope");
        return scopes;
    }

    private static Object required(Object node, String key, String source) {
        Object value = get(node, key);
        if (isNull(value)) throw new IllegalArgumentException(source + ": missing '" + key + "'");
        return value;
    }

    private static String text(Object node, String key, String source) { return asText(required(node, key, source)); }

    private static int integer(Object node, String key, String source) {
        String value = asText(required(node, key, source)).strip();
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": '" + key + "' must be a whole number");
        }
    }
}
