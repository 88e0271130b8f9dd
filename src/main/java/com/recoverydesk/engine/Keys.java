package com.recoverydesk.engine;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Hands out 64-bit keys from the database sequence {@code engine_key_seq}. The sequence steps by
 * {@value #BLOCK}, so one round trip reserves a block; a restart simply leaves the rest of a block unused.
 */
final class Keys {

    static final int BLOCK = 1000;

    private final DataSource dataSource;
    private long next;
    private long limit;

    Keys(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    synchronized long next() {
        if (next >= limit) reserveBlock();
        return next++;
    }

    private void reserveBlock() {
        // Own connection, autocommit: a reserved block must stay reserved even if the caller's transaction rolls back.
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT nextval('engine_key_seq')")) {
            rs.next();
            next = rs.getLong(1);
            limit = next + BLOCK;
        } catch (SQLException e) {
            // classified like every other statement: a lost connection is retried, not an INTERNAL error
            throw Db.classify(e, "cannot reserve engine keys");
        }
    }
}
