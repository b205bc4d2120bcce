package io.tixing.template;

/**
 * One content-lint finding. {@code file} and {@code line} point into the template folder when the
 * finding comes from a template file; they are null for a rendered message.
 *
 * @param category the banned-list category (e.g. {@code threat-of-legal-action}) of a banned phrase, else null
 * @param field    the request field the phrase arrived in (e.g. {@code loan.creditor}) when it is caller data, else null
 */
public record LintFinding(Severity severity, String rule, String phrase, String file, Integer line, String message,
                          String category, String field) {
    public enum Severity { BLOCK, WARN }

    public LintFinding(Severity severity, String rule, String phrase, String file, Integer line, String message) {
        this(severity, rule, phrase, file, line, message, null, null);
    }

    /** "loan.creditor: threat-of-legal-action 起诉你" — what the contact log and a person read. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append(field != null ? field : (file != null ? file + (line != null ? ":" + line : "") : "message")).append(": ");
        if (category != null) {
            out.append(category).append(' ').append(phrase);
        } else {
            out.append(rule);
            if (phrase != null) out.append(' ').append(phrase);
            else if (message != null) out.append(' ').append(message);
        }
        return out.toString();
    }
}
