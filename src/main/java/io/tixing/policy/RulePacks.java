package io.tixing.policy;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Stand-in until the data-driven packs land: windows only. */
public final class RulePacks {
    private final Map<String, RulePack> packs = new LinkedHashMap<>();

    private RulePacks() {
        add("CN", "Asia/Shanghai", "08:00", "22:00");
        add("HK", "Asia/Hong_Kong", "09:00", "22:00");
        add("TW", "Asia/Taipei", "07:00", "22:00");
        add("US", "America/New_York", "08:00", "21:00");
    }

    private void add(String name, String zone, String start, String end) {
        packs.put(name, new RulePack(name, "2026.1", ZoneId.of(zone), new ContactWindow(LocalTime.parse(start), LocalTime.parse(end))));
    }

    public static RulePacks load(Map<String, String> overrides) { return new RulePacks(); }

    public RulePack get(String name) {
        RulePack p = packs.get(name);
        if (p == null) throw new IllegalArgumentException("unknown rule pack " + name);
        return p;
    }

    public Collection<RulePack> all() { return packs.values(); }
}
