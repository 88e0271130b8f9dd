package com.recoverydesk.audit;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2 trigger (db/h2/V1_1, V70_1) refusing UPDATE and DELETE on audit_event and audit_checkpoint,
 * so the embedded database keeps them append-only as PostgreSQL's PL/pgSQL triggers do.
 */
@RegisterForReflection // H2 instantiates it by name
public class AppendOnlyTrigger implements Trigger {

    private String table = "audit_event";

    @Override
    public void init(Connection connection, String schemaName, String triggerName, String tableName,
                     boolean before, int type) {
        table = tableName.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        String operation = newRow == null ? "DELETE" : "UPDATE";
        // SQLSTATE 23001 (restrict_violation), as in PostgreSQL
        throw new SQLException(table + " is append-only: " + operation + " refused", "23001");
    }
}
