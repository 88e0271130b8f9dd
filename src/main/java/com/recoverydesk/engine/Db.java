package com.recoverydesk.engine;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plain JDBC, kept small: transactions for commands, single statements for reads. The engine does not
 * use Hibernate, so the application's schema validation never sees these tables.
 */
final class Db {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Db.class);

    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    interface TransactionWork<T> {
        T run(Tx tx) throws SQLException;
    }

    interface ConnectionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    /** False while the engine does not hold its database lease: no command may change state then. */
    private volatile java.util.function.BooleanSupplier leaseHeld = () -> true;

    Db(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void guardedBy(java.util.function.BooleanSupplier lease) {
        this.leaseHeld = lease;
    }

    /**
     * Runs the work in one transaction; after a commit the transaction's effects are handed to {@code afterCommit}.
     * Once committed the command happened: nothing after the commit turns it into a failure for the caller.
     */
    <T> T inTransaction(long now, TransactionWork<T> work, java.util.function.Consumer<Tx> afterCommit) {
        Tx tx = null;
        T result = null;
        boolean committed = false;
        if (!leaseHeld.getAsBoolean()) {
            throw new EngineException(EngineException.Rejection.UNAVAILABLE, "the engine does not hold its database lease");
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                tx = new Tx(connection, now);
                result = work.run(tx);
                connection.commit();
                committed = true;
            } catch (RuntimeException | SQLException e) {
                rollbackQuietly(connection);
                throw e;
            } finally {
                restoreQuietly(connection, autoCommit);
            }
        } catch (SQLException e) {
            // closing the connection may fail after the commit: the command happened all the same
            if (!committed) throw classify(e, "engine command rolled back");
        }
        try {
            afterCommit.accept(tx);
        } catch (RuntimeException e) {
            // the notifications are an optimisation over the sweeps: a failure here delays, it loses nothing
            LOG.warnf("after-commit notification failed: %s", e.getClass().getSimpleName());
        }
        return result;
    }

    /** Autocommit work outside any command: lookups and the schedulers' index scans. */
    <T> T withConnection(ConnectionWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.getAutoCommit()) connection.setAutoCommit(true);
            return work.run(connection);
        } catch (SQLException e) {
            throw classify(e, "engine statement failed");
        }
    }

    /**
     * Transient database faults (connection lost, serialisation failure, deadlock, lock timeout, resources,
     * shut down) become UNAVAILABLE, which the client and the outbox retry; anything else is a command the
     * database will refuse every time, so INVALID_ARGUMENT, which they do not retry. The SQL state goes to
     * the log; the message may quote values, so the caller only hears the state.
     */
    static EngineException classify(SQLException e, String what) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (isTransient(e)) {
            LOG.warnf("%s: SQL state %s (transient)", what, state);
            return new EngineException(EngineException.Rejection.UNAVAILABLE, "the engine's database is not available (SQL state " + state + ")");
        }
        LOG.errorf("%s: SQL state %s (permanent): %s", what, state, e.getClass().getSimpleName());
        return new EngineException(EngineException.Rejection.INVALID_ARGUMENT, "the engine's database refused the command (SQL state " + state + ")");
    }

    static boolean isTransient(SQLException e) {
        if (e instanceof java.sql.SQLTransientException || e instanceof java.sql.SQLRecoverableException) return true;
        String state = e.getSQLState();
        if (state == null) return true; // no state: the driver lost the connection before the server answered
        return state.startsWith("08")          // connection exception
                || state.equals("40001")       // serialization failure
                || state.equals("40P01")       // deadlock detected (PostgreSQL)
                || state.startsWith("53")      // insufficient resources
                || state.startsWith("57P")     // admin shutdown, crash shutdown, cannot connect now
                || state.equals("55P03")       // lock not available (PostgreSQL)
                || state.equals("HYT00")       // lock timeout (H2)
                || state.equals("90135");      // database is being closed (H2)
    }

    private static void restoreQuietly(Connection connection, boolean autoCommit) {
        try {
            connection.setAutoCommit(autoCommit);
        } catch (SQLException ignored) {
            // a broken connection is discarded by the pool; the command's outcome is already decided
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the original failure is what matters
        }
    }

    // ---- statement helpers, usable with a command's connection or an autocommit one ----

    static int update(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, params)) {
            return statement.executeUpdate();
        }
    }

    /**
     * A token move: under the instance's lock exactly one row changes. Any other count means something
     * outside this engine moved the token (a second engine on the database), so the command rolls back.
     */
    static void updateOne(Connection connection, String sql, Object... params) throws SQLException {
        int changed = update(connection, sql, params);
        if (changed != 1) {
            throw new EngineException(EngineException.Rejection.FAILED_PRECONDITION,
                    "Expected to move exactly one token, but " + changed + " rows changed: the state was changed concurrently");
        }
    }

    static <T> List<T> query(Connection connection, String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, params);
             ResultSet rs = statement.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) rows.add(mapper.map(rs));
            return rows;
        }
    }

    static <T> Optional<T> queryOne(Connection connection, String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        List<T> rows = query(connection, sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    static long queryLong(Connection connection, String sql, Object... params) throws SQLException {
        return queryOne(connection, sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            Object param = params[i];
            if (param == null) statement.setNull(i + 1, Types.NULL);
            else if (param instanceof Long value) statement.setLong(i + 1, value);
            else if (param instanceof Integer value) statement.setInt(i + 1, value);
            else statement.setString(i + 1, param.toString());
        }
        return statement;
    }
}
