package io.tixing.template;

/**
 * The catalog folder cannot be loaded: a banned phrase, a syntax error, a missing required element,
 * an SMS that can exceed three segments… Points at the file (relative to the templates folder), the
 * line when known, and the offending phrase when there is one.
 */
public class TemplateLoadException extends RuntimeException {

    private final String file;
    private final Integer line;
    private final String phrase;
    private final String rule;

    public TemplateLoadException(String file, Integer line, String phrase, String rule, String detail) {
        super(describe(file, line, phrase, rule, detail));
        this.file = file;
        this.line = line;
        this.phrase = phrase;
        this.rule = rule;
    }

    public TemplateLoadException(String file, Integer line, String phrase, String rule, String detail, Throwable cause) {
        this(file, line, phrase, rule, detail);
        initCause(cause);
    }

    public String file() { return file; }

    /** 1-based line in {@link #file()}, or null when the problem is not on one line. */
    public Integer line() { return line; }

    /** The banned phrase that was found, else null. */
    public String phrase() { return phrase; }

    /** Machine-readable rule, e.g. BANNED_PHRASE, SMS_SEGMENTS, REQUIRED_ELEMENT, SYNTAX. */
    public String rule() { return rule; }

    private static String describe(String file, Integer line, String phrase, String rule, String detail) {
        StringBuilder s = new StringBuilder(file == null ? "templates" : file);
        if (line != null) {
            s.append(':').append(line);
        }
        s.append(": ").append(rule);
        if (phrase != null) {
            s.append(" '").append(phrase).append('\'');
        }
        if (detail != null && !detail.isBlank()) {
            s.append(" — ").append(detail);
        }
        return s.toString();
    }
}
