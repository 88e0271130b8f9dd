package com.recoverydesk.audit;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2 trigger (db/h2/V1_1) letting audit_chain_head move forward by exactly one entry per
 * update and never be deleted, as its PostgreSQL counterpart does.
 */
@RegisterForReflection // H2 instantiates it by name
public class ChainHeadTrigger implements Trigger {

    // audit_chain_head columns in table order: id, last_seq, last_hash
    private static final int ID = 0;
    private static final int LAST_SEQ = 1;

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow != null
                && ((Number) newRow[ID]).intValue() == ((Number) oldRow[ID]).intValue()
                && ((Number) newRow[LAST_SEQ]).longValue() == ((Number) oldRow[LAST_SEQ]).longValue() + 1) {
            return;
        }
        String operation = newRow == null ? "DELETE" : "UPDATE";
        throw new SQLException("audit_chain_head only advances by one entry: " + operation + " refused", "23001");
    }
}
