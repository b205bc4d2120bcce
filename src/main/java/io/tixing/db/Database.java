package io.tixing.db;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Plain JDBC transactions over the Agroal pool. The gateway's SQL is small and hot (claims with
 * SKIP LOCKED, per-borrower row locks, append-only inserts), so it is written out, not generated.
 */
@ApplicationScoped
public class Database {

    private final DataSource dataSource;

    public Database(DataSource dataSource) { this.dataSource = dataSource; }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Runs read-only work outside an explicit transaction. */
    public <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public static final class DataAccessException extends RuntimeException {
        public DataAccessException(SQLException cause) { super(cause.getMessage(), cause); }

        public String sqlState() { return ((SQLException) getCause()).getSQLState(); }
    }
}
