package io.tixing.contactlog;

import java.util.stream.Collectors;

/**
 * The canonical text of an entry that its hash covers: every field in a fixed order, each written as
 * its length and value so no choice of values can make two different entries read the same.
 */
final class CanonicalEntry {

    private CanonicalEntry() {}

    static String of(int chain, long position, LogEntry e) {
        StringBuilder out = new StringBuilder(512);
        field(out, Integer.toString(chain));
        field(out, Long.toString(position));
        field(out, e.at().toString());
        field(out, e.zone());
        field(out, e.localTime());
        field(out, e.kind().name());
        field(out, e.borrowerId());
        field(out, e.loanId());
        field(out, e.reminderId() == null ? null : e.reminderId().toString());
        field(out, e.attemptId() == null ? null : e.attemptId().toString());
        field(out, e.channel());
        field(out, e.destinationMasked());
        field(out, e.templateKey());
        field(out, e.templateVersion());
        field(out, e.contentHash());
        field(out, e.decision());
        field(out, e.reasons().stream().collect(Collectors.joining(",")));
        field(out, e.rulePack());
        field(out, e.providerId());
        field(out, e.outcome());
        field(out, e.actor());
        field(out, e.detail());
        field(out, e.until() == null ? null : e.until().toString());
        return out.toString();
    }

    private static void field(StringBuilder out, String value) {
        if (value == null) out.append("-1:");
        else out.append(value.length()).append(':').append(value);
        out.append('|');
    }
}
