package io.tixing.template;

/**
 * One content-lint finding. {@code file} and {@code line} point into the template folder when the
 * finding comes from a template file; they are null for a rendered message.
 */
public record LintFinding(Severity severity, String rule, String phrase, String file, Integer line, String message) {
    public enum Severity { BLOCK, WARN }
}
