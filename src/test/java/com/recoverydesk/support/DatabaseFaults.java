package com.recoverydesk.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Faults injected into the app's PostgreSQL database: a trigger that makes inserts into a table fail
 * for the cases of one requester, a given number of times (a sequence counts the tries, and sequences
 * do not roll back with the failed transaction). Closing removes the trigger.
 */
public final class DatabaseFaults implements AutoCloseable {

    private final DataSource dataSource;
    private final String name;
    private final String table;

    private DatabaseFaults(DataSource dataSource, String name, String table) {
        this.dataSource = dataSource;
        this.name = name;
        this.table = table;
    }

    /**
     * Inserts into {@code table} (a table with a {@code case_id} column) for the cases of the account with
     * this e-mail address fail {@code times} times with the SQL state and message given; the message may
     * name the address with {@code %}, as an SMTP or constraint error would.
     */
    public static DatabaseFaults failCaseInserts(DataSource dataSource, String table, String email, int times, String sqlState, String message)
            throws SQLException {
        DatabaseFaults faults = new DatabaseFaults(dataSource, "fault_" + System.nanoTime(), table);
        String quotedEmail = "'" + email.replace("'", "''") + "'";
        faults.execute("create sequence " + faults.name + "_seq",
                "create function " + faults.name + "_fn() returns trigger as $$ declare victim varchar; begin"
                        + " select a.email into victim from recovery_case c join customer_account a on a.account_ref = c.account_ref"
                        + " where c.id = new.case_id and a.email = " + quotedEmail + ";"
                        + " if victim is not null and nextval('" + faults.name + "_seq') <= " + times + " then"
                        + " raise exception '" + message.replace("'", "''") + "', victim using errcode = '" + sqlState + "'; end if;"
                        + " return new; end $$ language plpgsql",
                "create trigger " + faults.name + "_trg before insert on " + table + " for each row execute function " + faults.name + "_fn()");
        return faults;
    }

    /** How many of the requester's inserts the trigger met so far: the failed ones and any after them. */
    public long inserts() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select case when is_called then last_value else 0 end from " + name + "_seq")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        execute("drop trigger " + name + "_trg on " + table, "drop function " + name + "_fn()", "drop sequence " + name + "_seq");
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
