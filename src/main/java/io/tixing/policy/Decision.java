package io.tixing.policy;

import java.time.Instant;
import java.util.List;

/**
 * What the rule pack says about one contact. Rejections are values, not exceptions.
 * Every variant carries the rule pack (name + version) that produced it and any
 * informational reasons (e.g. {@link ReasonCode#ZONE_ASSUMED}).
 */
public sealed interface Decision {

    String pack();

    List<ReasonCode> reasons();

    /** Send now. */
    record Allow(String pack, List<ReasonCode> reasons) implements Decision {}

    /** Not now; at {@code until}, the first instant every rule allows. */
    record Defer(Instant until, String pack, List<ReasonCode> reasons) implements Decision {}

    /** Never send this one. */
    record Suppress(String pack, List<ReasonCode> reasons) implements Decision {}

    /** The first lawful instant is past the request's notAfter. */
    record Expired(Instant firstLawful, String pack, List<ReasonCode> reasons) implements Decision {}

    static Decision allow(String pack, List<ReasonCode> info) { return new Allow(pack, List.copyOf(info)); }

    static Decision defer(Instant until, String pack, List<ReasonCode> reasons) { return new Defer(until, pack, List.copyOf(reasons)); }

    static Decision suppress(String pack, List<ReasonCode> reasons) { return new Suppress(pack, List.copyOf(reasons)); }

    static Decision expired(Instant firstLawful, String pack, List<ReasonCode> reasons) { return new Expired(firstLawful, pack, List.copyOf(reasons)); }

    default String kind() {
        return switch (this) {
            case Allow a -> "ALLOW";
            case Defer d -> "DEFER";
            case Suppress s -> "SUPPRESS";
            case Expired e -> "EXPIRED";
        };
    }
}
