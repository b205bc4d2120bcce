package io.tixing.template;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A rendered message, or why there is none. */
public sealed interface RenderResult {

    /** The suppression reason code when nothing was rendered (CONTENT_BLOCKED or TEMPLATE_MISSING); null when rendered. */
    default String suppressionReason() {
        return switch (this) {
            case Rendered r -> null;
            case Blocked b -> "CONTENT_BLOCKED";
            case Missing m -> "TEMPLATE_MISSING";
        };
    }

    /** What the contact log and explain say about a suppression: the blocks, or what template is missing; null when rendered. */
    default String suppressionDetail() {
        return switch (this) {
            case Rendered r -> null;
            case Blocked b -> b.describe(); // e.g. "loan.creditor: threat-of-legal-action 起诉你"
            case Missing m -> m.detail();
        };
    }

    record Rendered(RenderedMessage message) implements RenderResult {}

    /**
     * A hard block: a banned phrase in the caller's data (the finding names the field and the category) or in the
     * rendered text, a missing required element, …: suppress with CONTENT_BLOCKED.
     */
    record Blocked(String templateKey, String templateVersion, List<LintFinding> findings) implements RenderResult {

        /**
         * The hard blocks, caller-data fields first, e.g. "loan.creditor: threat-of-legal-action 起诉你"; a phrase already
         * named with its field is not repeated for the rendered text it also reached.
         */
        public String describe() {
            List<LintFinding> blocks = findings.stream().filter(f -> f.severity() == LintFinding.Severity.BLOCK).toList();
            Set<String> inData = new LinkedHashSet<>();
            Set<String> lines = new LinkedHashSet<>();
            blocks.stream().filter(f -> f.field() != null).forEach(f -> {
                inData.add(f.phrase());
                lines.add(f.describe());
            });
            blocks.stream().filter(f -> f.field() == null && !(f.phrase() != null && inData.contains(f.phrase())))
                    .forEach(f -> lines.add(f.describe()));
            return lines.isEmpty() ? "blocked" : String.join("; ", lines);
        }
    }

    /** No template for this key/channel in any fallback locale. */
    record Missing(String templateKey, String detail) implements RenderResult {}
}
