/**
 * Localized, linted borrower messages. Entry points: {@link io.tixing.template.TemplateCatalog}
 * (load, render, preview, entries) and {@link io.tixing.template.ReloadingCatalog} (hot reload that
 * keeps the last good catalog). Plain Java: the integrator wires it into CDI and REST.
 * See docs/TEMPLATES.md for the folder layout, selection, formatting and lint rules.
 */
package io.tixing.template;
