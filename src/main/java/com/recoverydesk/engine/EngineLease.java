package com.recoverydesk.engine;

import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one engine allowed on a database. The engine's in-JVM locks serialise commands only inside one
 * JVM, so a second engine on the same tables would fire timers twice and split tokens: it must not start.
 * PostgreSQL: a session advisory lock keyed by the schema, held on a connection of its own. H2: the row of
 * {@code engine_lease}, kept locked by an open transaction on that connection. Either dies with the
 * connection, so a killed JVM's lease ends at once and its restart is not delayed.
 */
final class EngineLease implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EngineLease.class);
    /** First half of the advisory lock key: "RDEN", so that other users of advisory locks do not collide. */
    private static final int ADVISORY_CLASS = 0x5244454E;

    private final DataSource dataSource;
    private final String holder;
    private Connection connection;
    private boolean postgres;
    private volatile boolean held;

    private EngineLease(DataSource dataSource) {
        this.dataSource = dataSource;
        this.holder = ManagementFactory.getRuntimeMXBean().getName() + "#" + Integer.toHexString(System.identityHashCode(this));
    }

    /** Takes the lease or throws: another engine runs on this database. */
    static EngineLease acquire(DataSource dataSource) {
        EngineLease lease = new EngineLease(dataSource);
        if (!lease.tryAcquire()) {
            throw new IllegalStateException("Another process engine holds the lease on this database: a second embedded engine"
                    + " must not run on the same tables (use recovery.engine.mode=remote for the other replicas)");
        }
        return lease;
    }

    boolean isHeld() {
        return held;
    }

    /**
     * Checks that the lease connection is still alive (a database restart ends the session and the lock
     * with it) and takes the lease again if so. While another engine holds it, commands are refused.
     */
    synchronized void verify() {
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
            }
            return;
        } catch (SQLException | RuntimeException lost) {
            LOG.warnf("The engine's database lease connection was lost (SQL state %s); taking the lease again",
                    lost instanceof SQLException e ? e.getSQLState() : "-");
        }
        closeQuietly();
        held = false;
        if (tryAcquire()) {
            LOG.info("The engine's database lease is held again");
        } else {
            LOG.error("Another process engine took the database lease: this engine refuses commands until it gets it back");
        }
    }

    private synchronized boolean tryAcquire() {
        try {
            connection = dataSource.getConnection();
            postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            held = postgres ? advisoryLock() : rowLock();
        } catch (SQLException e) {
            LOG.warnf("Cannot take the engine's database lease: SQL state %s", e.getSQLState());
            held = false;
        }
        if (!held) closeQuietly();
        return held;
    }

    private boolean advisoryLock() throws SQLException {
        connection.setAutoCommit(true);
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(current_schema()))")) {
            statement.setInt(1, ADVISORY_CLASS);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private boolean rowLock() throws SQLException {
        String lockTimeout = "2000";
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT setting_value FROM information_schema.settings WHERE setting_name = 'LOCK_TIMEOUT'")) {
            if (rs.next()) lockTimeout = rs.getString(1);
        }
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            // do not wait for the holder: it keeps the lock for as long as it runs
            statement.execute("SET LOCK_TIMEOUT 200");
        }
        try (PreparedStatement statement = connection.prepareStatement("UPDATE engine_lease SET holder = ?, acquired_at = ? WHERE lease_id = 1")) {
            statement.setString(1, holder);
            statement.setLong(2, System.currentTimeMillis());
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            if (!Db.isTransient(e)) throw e;
            connection.rollback();
            return false; // lock timeout: someone else holds the row
        } finally {
            // the setting belongs to the session; the pool hands this connection on after the lease
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCK_TIMEOUT " + Integer.parseInt(lockTimeout.trim()));
            }
        }
    }

    @Override
    public synchronized void close() {
        if (connection == null) return;
        try {
            if (postgres) {
                try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(current_schema()))")) {
                    statement.setInt(1, ADVISORY_CLASS);
                    statement.execute();
                }
            } else {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // the lease ends with the connection anyway
        }
        held = false;
        closeQuietly();
    }

    private void closeQuietly() {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // a broken connection is gone already
        }
        connection = null;
    }
}
