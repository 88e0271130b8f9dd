package com.recoverydesk.audit;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2 trigger (db/h2/V1_1) refusing UPDATE and DELETE on audit_event, so the embedded database
 * keeps the trail append-only as PostgreSQL's PL/pgSQL trigger does.
 */
@RegisterForReflection // H2 instantiates it by name
public class AppendOnlyTrigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        String operation = newRow == null ? "DELETE" : "UPDATE";
        // SQLSTATE 23001 (restrict_violation), as in PostgreSQL
        throw new SQLException("audit_event is append-only: " + operation + " refused", "23001");
    }
}
