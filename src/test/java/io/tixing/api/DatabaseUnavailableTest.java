package io.tixing.api;

import io.tixing.db.Database;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import java.net.ConnectException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures mean "the database is away, retry later" (503) and which are bugs or bad data (500). */
class DatabaseUnavailableTest {

    @Test
    void connection_failures_shutdowns_start_up_and_full_pools_count_as_unavailable() {
        assertThat(DatabaseUnavailable.causedBy(new Database.DataAccessException(
                new PSQLException("Connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException())))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new Database.DataAccessException(new PSQLException("I/O error", PSQLState.CONNECTION_FAILURE)))).isTrue();
        for (String state : new String[] {"08000", "08003", "08006", "57P01", "57P02", "57P03", "53300"}) {
            assertThat(DatabaseUnavailable.causedBy(new Database.DataAccessException(new SQLException("x", state)))).as(state).isTrue();
        }
        // Agroal's acquisition timeout has no SQLState; raw, and wrapped as the pool throws it.
        assertThat(DatabaseUnavailable.causedBy(new SQLException("Acquisition timeout while waiting for new connection"))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new RuntimeException(new Database.DataAccessException(
                new SQLException("Acquisition timeout while waiting for new connection", new java.util.concurrent.TimeoutException()))))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new SQLException("Sorry, acquisition timeout!"))).isTrue();
        // A pool error whose cause is the refused connection.
        assertThat(DatabaseUnavailable.causedBy(new SQLException("wrapper", (String) null,
                new PSQLException("refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT)))).isTrue();
    }

    @Test
    void bugs_and_bad_data_are_not_an_outage() {
        for (String state : new String[] {"23505", "22021", "42P01", "40001", "57014", "XX000"}) {
            assertThat(DatabaseUnavailable.causedBy(new Database.DataAccessException(new SQLException("x", state)))).as(state).isFalse();
        }
        assertThat(DatabaseUnavailable.causedBy(new SQLException("something else"))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("bug"))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(new NullPointerException())).isFalse();
    }
}
