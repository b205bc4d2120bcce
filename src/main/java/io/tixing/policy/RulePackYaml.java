package io.tixing.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
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

/** Reads one rule-pack YAML file (format: see {@code rulepacks/CN.yaml}). Missing keys fail loudly: a pack is law. */
final class RulePackYaml {

    private static final YAMLMapper YAML = new YAMLMapper();

    private RulePackYaml() {}

    static RulePack read(InputStream in, String source) {
        try {
            return parse(YAML.readTree(in), source);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read rule pack " + source + ": " + e.getMessage(), e);
        }
    }

    private static RulePack parse(JsonNode root, String source) {
        String name = text(root, "name", source);
        Map<ChannelType, ContactWindow> windows = new EnumMap<>(ChannelType.class);
        JsonNode window = required(root, "window", source);
        for (ChannelType channel : ChannelType.values()) {
            JsonNode w = required(window, channel.name().toLowerCase(Locale.ROOT), source);
            windows.put(channel, new ContactWindow(LocalTime.parse(text(w, "start", source)), LocalTime.parse(text(w, "end", source))));
        }
        JsonNode caps = required(root, "caps", source);
        MessageCaps messageCaps = new MessageCaps(integer(caps, "sms-daily", source), integer(caps, "email-daily", source),
                integer(caps, "total-daily", source), scopes(caps, source));
        JsonNode voice = required(root, "voice", source);
        List<ConversationCap> conversations = new ArrayList<>();
        for (JsonNode c : listOf(voice.get("conversations"))) {
            conversations.add(new ConversationCap(integer(c, "max", source), CapPeriod.parse(text(c, "per", source)), scopes(c, source)));
        }
        List<DialAttemptCap> attempts = new ArrayList<>();
        for (JsonNode a : listOf(voice.get("attempts"))) {
            attempts.add(new DialAttemptCap(integer(a, "max", source), CapPeriod.parse(text(a, "per", source)), scopes(a, source)));
        }
        JsonNode cooldown = voice.get("cooldown-after-conversation");
        Duration cooldownAfter = cooldown == null || cooldown.isNull() ? Duration.ZERO : Duration.parse(cooldown.asText());
        Set<LocalDate> holidays = new HashSet<>();
        for (JsonNode h : listOf(root.get("holidays"))) holidays.add(LocalDate.parse(h.asText()));
        List<ZoneId> zones = new ArrayList<>();
        for (JsonNode z : listOf(root.get("zones"))) zones.add(ZoneId.of(z.asText()));
        return new RulePack(name, text(root, "version", source), ZoneId.of(text(root, "defaultZone", source)), windows, messageCaps,
                new VoiceLimits(conversations, attempts, cooldownAfter), Duration.parse(text(root, "duplicate-window", source)),
                Period.parse(text(root, "retention", source)), holidays, zones);
    }

    /** A key holding one map or a list of maps (a single limit or several). */
    private static List<JsonNode> listOf(JsonNode node) {
        if (node == null || node.isNull()) return List.of();
        if (node.isArray()) {
            List<JsonNode> all = new ArrayList<>();
            node.forEach(all::add);
            return all;
        }
        return List.of(node);
    }

    /** {@code scope: contact-point} or {@code scope: [borrower, contact-point]}: what the cap is counted against. */
    private static Set<AttemptScope> scopes(JsonNode node, String source) {
        JsonNode value = required(node, "scope", source);
        Set<AttemptScope> scopes = java.util.EnumSet.noneOf(AttemptScope.class);
        for (JsonNode s : listOf(value)) scopes.add(AttemptScope.parse(s.asText()));
        if (scopes.isEmpty()) throw new IllegalArgumentException(source + ": 'scope' names no scope");
        return scopes;
    }

    private static JsonNode required(JsonNode node, String key, String source) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) throw new IllegalArgumentException(source + ": missing '" + key + "'");
        return value;
    }

    private static String text(JsonNode node, String key, String source) { return required(node, key, source).asText(); }

    private static int integer(JsonNode node, String key, String source) {
        JsonNode value = required(node, key, source);
        if (!value.canConvertToInt()) throw new IllegalArgumentException(source + ": '" + key + "' must be a whole number");
        return value.asInt();
    }
}
