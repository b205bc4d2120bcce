package io.tixing.api;

import java.sql.SQLException;
import java.util.Set;

/**
 * Tells a database that cannot be reached (refused, dropped, shutting down, starting up, out of connections) from
 * a genuine bug. The first is the caller's cue to retry later (503); the second stays a 500.
 */
public final class DatabaseUnavailable {

    /**
     * Server states that mean "not now" rather than "wrong": 57P01 admin shutdown, 57P02 crash shutdown,
     * 57P03 cannot connect now (starting up, in recovery), 53300 too many connections. Class 08 is matched as a class.
     */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300");

    /** Agroal's own messages (no SQLState) when no connection could be had within the acquisition timeout. */
    private static final String[] POOL_MESSAGES = {"Acquisition timeout", "Sorry, acquisition timeout",
            "This pool is closed", "Can't create new connection as the pool is shutting down"};

    private DatabaseUnavailable() {}

    /** True when {@code error} or any of its causes is a connection failure. */
    public static boolean causedBy(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof SQLException sql && (isConnectionFailure(sql)
                    || sql.getNextException() != null && isConnectionFailure(sql.getNextException()))) return true;
        }
        return false;
    }

    static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        if (state != null) return state.startsWith("08") || STATES.contains(state);
        String message = e.getMessage();
        if (message == null) return false;
        for (String pool : POOL_MESSAGES) if (message.startsWith(pool)) return true;
        return false;
    }
}
