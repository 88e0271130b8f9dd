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

    Db(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs the work in one transaction; after a commit the transaction's effects are handed to {@code afterCommit}. */
    <T> T inTransaction(long now, TransactionWork<T> work, java.util.function.Consumer<Tx> afterCommit) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                Tx tx = new Tx(connection, now);
                T result = work.run(tx);
                connection.commit();
                afterCommit.accept(tx);
                return result;
            } catch (RuntimeException | SQLException e) {
                rollbackQuietly(connection);
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            // transient for the client (it retries UNAVAILABLE); logged because a constant failure here is a defect
            LOG.warnf("engine command rolled back: SQL state %s, %s", e.getSQLState(), e.getMessage());
            throw new EngineException(EngineException.Rejection.UNAVAILABLE, "the engine's database is not available");
        }
    }

    /** Autocommit work outside any command: lookups and the schedulers' index scans. */
    <T> T withConnection(ConnectionWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.getAutoCommit()) connection.setAutoCommit(true);
            return work.run(connection);
        } catch (SQLException e) {
            throw new EngineException(EngineException.Rejection.UNAVAILABLE, "the engine's database is not available");
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
