package io.tixing.lender;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Events for the lender's callback URL (promise to pay, hardship request, borrower unreachable, escalation).
 * Emitted inside the caller's transaction so an event exists exactly when the fact it reports does.
 */
public interface LenderEvents {

    void emit(Connection c, String type, String borrowerId, String loanId, Map<String, Object> payload) throws SQLException;
}
