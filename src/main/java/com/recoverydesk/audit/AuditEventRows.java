package com.recoverydesk.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * Reads audit rows with plain JDBC, for the passes over the whole trail (verification, export)
 * that must stream in bounded memory instead of filling a persistence context.
 */
final class AuditEventRows {

    /** Rows fetched per round trip; the PostgreSQL driver streams only inside a transaction. */
    static final int FETCH_SIZE = 5_000;

    /** The columns {@link #read} expects, first in the select list. */
    static final String COLUMNS = "seq, occurred_at, actor, actor_role, action, case_id, details, prev_hash, hash";

    private AuditEventRows() {
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
