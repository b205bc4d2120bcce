package io.tixing.channel.sms;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Which providers carry a destination, in order: per E.164 prefix a primary and an optional secondary, the longest
 * matching prefix winning, {@code *} for every other number. Written {@code +86=aliyun,twilio; *=twilio}.
 */
public final class SmsRoutes {

    public record Route(String prefix, List<String> providers) {}

    private final List<Route> routes;

    private SmsRoutes(List<Route> routes) { this.routes = routes; }

    /**
     * @param available the providers configured on this machine: the others are dropped from every route
     * @throws IllegalArgumentException naming the bad entry
     */
    public static SmsRoutes parse(String spec, Set<String> known, Set<String> available) {
        List<Route> out = new ArrayList<>();
        boolean fallback = false;
        for (String entry : spec.split(";")) {
            if (entry.isBlank()) continue;
            int eq = entry.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("tixing.sms.routes: \"" + entry.strip() + "\" is not prefix=primary[,secondary]");
            String prefix = entry.substring(0, eq).strip();
            if (!prefix.equals("*") && !prefix.matches("\\+[0-9]{1,15}")) {
                throw new IllegalArgumentException("tixing.sms.routes: prefix \"" + prefix + "\" must be * or + followed by digits");
            }
            List<String> providers = new ArrayList<>();
            for (String p : entry.substring(eq + 1).split(",")) {
                String name = p.strip();
                if (name.isEmpty()) continue;
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("tixing.sms.routes: unknown provider \"" + name + "\" for " + prefix + " (known: " + known + ")");
                }
                if (providers.contains(name)) throw new IllegalArgumentException("tixing.sms.routes: " + name + " twice for " + prefix);
                providers.add(name);
            }
            if (providers.isEmpty() || providers.size() > 2) {
                throw new IllegalArgumentException("tixing.sms.routes: " + prefix + " needs a primary and at most one secondary provider");
            }
            fallback |= prefix.equals("*");
            out.add(new Route(prefix, providers.stream().filter(available::contains).toList()));
        }
        if (!fallback) throw new IllegalArgumentException("tixing.sms.routes: no * route for the numbers no prefix matches");
        out.sort(Comparator.comparingInt((Route r) -> r.prefix().equals("*") ? 0 : r.prefix().length()).reversed());
        return new SmsRoutes(List.copyOf(out));
    }

    /** The providers for this number, primary first (empty when none of the route's providers is configured). */
    public List<String> providersFor(String e164) {
        for (Route r : routes) {
            if (r.prefix().equals("*") || (e164 != null && e164.startsWith(r.prefix()))) return r.providers();
        }
        return List.of();
    }

    public List<Route> routes() { return routes; }
}
