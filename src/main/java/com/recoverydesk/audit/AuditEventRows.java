package com.recoverydesk.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.postgresql.PGStatement;

/**
 * Reads audit rows with plain JDBC, for the passes over the whole trail (verification, export)
 * that must stream in bounded memory instead of filling a persistence context.
 */
final class AuditEventRows {

    /** Rows fetched per round trip; the PostgreSQL driver streams only inside a transaction. */
    static final int FETCH_SIZE = 20_000;

    /** The columns {@link #read} expects, first in the select list. */
    static final String COLUMNS = "seq, occurred_at, actor, actor_role, action, case_id, details, prev_hash, hash";

    private AuditEventRows() {
    }

    /**
     * A statement for a pass over many rows: fetched {@link #FETCH_SIZE} at a time and, on PostgreSQL,
     * in binary from the first execution. The driver would otherwise ask for text until a statement
     * has run five times, and parsing a million timestamps from text costs more than hashing them.
     */
    static PreparedStatement streaming(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setFetchSize(FETCH_SIZE);
        if (statement.isWrapperFor(PGStatement.class)) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(-1); // -1: prepared and binary at once
        }
        return statement;
    }

    static AuditEventView read(ResultSet rs) throws SQLException {
        return new AuditEventView(
                rs.getLong(1),
                rs.getObject(2, OffsetDateTime.class).toInstant(),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9));
    }
}
