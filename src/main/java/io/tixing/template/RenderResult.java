package io.tixing.template;

import java.util.List;

/** A rendered message, or why there is none. */
public sealed interface RenderResult {

    record Rendered(RenderedMessage message) implements RenderResult {}

    /** The rendered text contains a hard-blocked phrase (e.g. injected through a variable): suppress with CONTENT_BLOCKED. */
    record Blocked(String templateKey, String templateVersion, List<LintFinding> findings) implements RenderResult {}

    /** No template for this key/channel in any fallback locale. */
    record Missing(String templateKey, String detail) implements RenderResult {}
}
