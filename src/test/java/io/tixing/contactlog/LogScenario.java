package io.tixing.contactlog;

import io.tixing.db.EmbeddedDatabase;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.EmbeddedPostgresResource;
import io.tixing.support.Fixtures;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tixing.support.Fixtures.borrower;

/** Shared steps for contact-log tests: borrowers with real reminders driven through the dispatcher, and raw SQL. */
final class LogScenario {

    private static String submitter;
    private static String compliance;

    private LogScenario() {}

    static String submitter() {
        if (submitter == null) submitter = Api.keyWith("contactlog-submitter", "submitter");
        return submitter;
    }

    static String compliance() {
        if (compliance == null) compliance = Api.keyWith("contactlog-compliance", "compliance");
        return compliance;
    }

    /** Submits a reminder for a fresh borrower and lets the dispatcher decide and send; returns the request body. */
    static Map<String, Object> sentReminder(DispatchWorker worker) {
        var body = Fixtures.aReminder();
        Api.submit(submitter(), body).statusCode(202);
        worker.drain();
        return body;
    }

    /**
     * A sent reminder for a borrower outside chain 0. Chain 0 also holds the borrower-less AUDIT entries, which
     * purge tests write with a clock pinned in 2100; a purge test on chain 0 would meet those and purge nothing.
     */
    static Map<String, Object> sentReminderOffChainZero(DispatchWorker worker) {
        var body = Fixtures.aReminder();
        while (ContactLogWriter.chainOf((String) Fixtures.borrower(body).get("id")) == 0) body = Fixtures.aReminder();
        Api.submit(submitter(), body).statusCode(202);
        worker.drain();
        return body;
    }

    /** Another reminder for the same borrower (new request id). */
    static Map<String, Object> again(Map<String, Object> body, DispatchWorker worker) {
        var next = Fixtures.aReminder();
        next.put("borrower", body.get("borrower"));
        Api.submit(submitter(), next).statusCode(202);
        worker.drain();
        return next;
    }

    static String borrowerId(Map<String, Object> body) { return borrower(body).get("id").toString(); }

    /** A connection outside the app's rights, as an attacker with database superuser access would have. */
    static Connection superuser() throws SQLException {
        EmbeddedDatabase db = EmbeddedPostgresResource.database();
        return DriverManager.getConnection(db.superuserJdbcUrl());
    }

    static List<Long> seqsOf(Connection c, String borrowerId) throws SQLException {
        try (var ps = c.prepareStatement("SELECT seq FROM contact_log WHERE borrower_id = ? ORDER BY seq")) {
            ps.setString(1, borrowerId);
            try (var rs = ps.executeQuery()) {
                List<Long> out = new ArrayList<>();
                while (rs.next()) out.add(rs.getLong(1));
                return out;
            }
        }
    }
}
