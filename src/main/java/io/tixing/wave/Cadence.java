package io.tixing.wave;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A staged playbook loaded from {@code cadences/<name>.yaml}: which reminder to send on which day overdue, for whom,
 * and when to hand the borrower to a human. Plain data plus the rules for picking a step.
 */
public record Cadence(String name, int escalateAfterUnanswered, String hardshipFirstTemplate, List<Step> steps) {

    /**
     * @param day        days overdue on the borrower's calendar (negative before the due date)
     * @param onlyFlags  the step applies only to borrowers with one of these flags (empty: everyone)
     * @param riskTiers  the step applies only to loans of these tiers (empty: every tier)
     * @param handoff    this step hands the borrower to an agent (a {@code borrower.escalate} event) instead of a reminder
     */
    public record Step(String key, int day, List<String> channels, String strategy, String template, List<String> onlyFlags,
                       List<String> riskTiers, boolean handoff) {
        public Step {
            channels = channels == null ? List.of() : List.copyOf(channels);
            onlyFlags = onlyFlags == null ? List.of() : List.copyOf(onlyFlags);
            riskTiers = riskTiers == null ? List.of() : List.copyOf(riskTiers);
        }

        boolean appliesTo(Set<String> flags, String riskTier) {
            boolean flagOk = onlyFlags.isEmpty() || onlyFlags.stream().anyMatch(flags::contains);
            boolean tierOk = riskTiers.isEmpty() || riskTiers.contains(riskTier == null ? "LOW" : riskTier);
            return flagOk && tierOk;
        }
    }

    public Cadence {
        steps = List.copyOf(steps);
        Set<String> keys = new HashSet<>();
        int previous = Integer.MIN_VALUE;
        for (Step s : steps) {
            if (s.key() == null || !keys.add(s.key())) throw new IllegalArgumentException("cadence " + name + ": step keys must be present and unique");
            if (s.day() < previous) throw new IllegalArgumentException("cadence " + name + ": steps must be in day order (" + s.key() + ")");
            if (!s.handoff() && (s.channels().isEmpty() || s.template() == null)) {
                throw new IllegalArgumentException("cadence " + name + ": step " + s.key() + " needs channels and a template");
            }
            previous = s.day();
        }
        if (escalateAfterUnanswered < 1) throw new IllegalArgumentException("cadence " + name + ": escalateAfterUnanswered must be at least 1");
    }

    /** The latest step reached on {@code daysOverdue} that applies to this borrower and loan. */
    Optional<Step> reached(int daysOverdue, Set<String> flags, String riskTier) {
        Step found = null;
        for (Step s : steps) if (s.day() <= daysOverdue && s.appliesTo(flags, riskTier)) found = s;
        return Optional.ofNullable(found);
    }

    Optional<Step> handoff() { return steps.stream().filter(Step::handoff).findFirst(); }

    /** The template a step uses for this borrower: hardship offer first, gentle variants for the elderly. */
    String templateFor(Step step, Set<String> flags, boolean firstReminder, java.util.function.Predicate<String> exists) {
        if (flags.contains("HARDSHIP") && firstReminder && hardshipFirstTemplate != null) return hardshipFirstTemplate;
        if (flags.contains("ELDERLY") && exists.test(step.template() + "-elderly")) return step.template() + "-elderly";
        return step.template();
    }
}
