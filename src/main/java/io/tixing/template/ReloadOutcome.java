package io.tixing.template;

/** What a reload did. A rejected edit never replaces the catalog that is serving. */
public sealed interface ReloadOutcome {

    /** The folder loaded cleanly and is now current. */
    record Reloaded(TemplateCatalog catalog) implements ReloadOutcome {}

    /** The folder failed to load; {@code kept} (the last good catalog, possibly null at start-up) stays current. */
    record Rejected(TemplateLoadException error, TemplateCatalog kept) implements ReloadOutcome {}
}
