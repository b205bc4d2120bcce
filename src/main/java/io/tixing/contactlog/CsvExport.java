package io.tixing.contactlog;

import io.tixing.db.Database;
import io.tixing.db.Sql;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Streams matching entries as CSV: UTF-8 with a BOM (so Excel shows Chinese), RFC 4180 quoting, and cells that
 * start with = + - @ prefixed with a quote so a spreadsheet never runs them as formulas. Rows come from a
 * JDBC cursor, so memory stays flat however large the export.
 */
final class CsvExport implements StreamingOutput {

    static final String HEADER = "seq,at_utc,local_time,zone,kind,borrower_id,loan_id,reminder_id,attempt_id,channel,"
            + "destination_masked,template_key,template_version,decision,reasons,rule_pack,provider_id,outcome,actor,detail,until,hash";
    private static final int FETCH = 1000;

    private final Database db;
    private final ContactLogFilter filter;

    CsvExport(Database db, ContactLogFilter filter) {
        this.db = db;
        this.filter = filter;
    }

    @Override
    public void write(java.io.OutputStream output) {
        Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
        db.read(c -> {
            c.setAutoCommit(false); // cursor-based fetch needs a transaction
            try (var ps = Sql.prepare(c, "SELECT * FROM contact_log WHERE " + filter.where() + filter.order(false),
                    filter.params().toArray())) {
                ps.setFetchSize(FETCH);
                try (var rs = ps.executeQuery()) {
                    out.write('\uFEFF');
                    out.write(HEADER);
                    out.write("\r\n");
                    while (rs.next()) writeRow(out, rs);
                    out.flush();
                }
                return null;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        });
    }

    private static void writeRow(Writer out, ResultSet rs) throws SQLException, java.io.IOException {
        List<String> reasons = Sql.strings(rs, "reasons");
        String[] cells = {Long.toString(rs.getLong("seq")), str(Sql.instant(rs, "at")), rs.getString("local_time"),
                rs.getString("zone"), rs.getString("kind"), rs.getString("borrower_id"), rs.getString("loan_id"),
                rs.getString("reminder_id"), rs.getString("attempt_id"), rs.getString("channel"),
                rs.getString("destination_masked"), rs.getString("template_key"), rs.getString("template_version"),
                rs.getString("decision"), String.join(" ", reasons), rs.getString("rule_pack"), rs.getString("provider_id"),
                rs.getString("outcome"), rs.getString("actor"), rs.getString("detail"), str(Sql.instant(rs, "until")),
                rs.getString("hash")};
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) out.write(',');
            out.write(cell(cells[i]));
        }
        out.write("\r\n");
    }

    private static String str(Object o) { return o == null ? null : o.toString(); }

    /** One CSV cell: formula-neutralised, then quoted when it holds a comma, quote, CR or LF (RFC 4180). */
    static String cell(String value) {
        if (value == null || value.isEmpty()) return "";
        String v = value;
        char first = v.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') v = "'" + v;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
