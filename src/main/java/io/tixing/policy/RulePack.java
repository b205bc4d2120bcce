package io.tixing.policy;

import java.time.ZoneId;

/**
 * A jurisdiction's contact rules as data (see {@code src/main/resources/rulepacks/}).
 * The name and version go into every decision.
 */
public record RulePack(String name, String version, ZoneId defaultZone, ContactWindow window) {

    /** "CN@2026.1": how a decision names the pack that made it. */
    public String id() { return name + "@" + version; }
}
