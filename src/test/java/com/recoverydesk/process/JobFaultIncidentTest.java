package com.recoverydesk.process;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.engine.EngineOverview.IncidentView;
import com.recoverydesk.support.DatabaseFaults;
import com.recoverydesk.support.Eventually;
import com.recoverydesk.support.TestAccounts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A step that fails raises an incident that an operator reads on /admin/processes: it must carry a fixed
 * fault code and a reference to the log, never the exception's text (which here quotes the requester's
 * address, as SMTP and constraint errors do) nor a stack trace. A fault that no retry cures does not
 * spend the retries first.
 */
@QuarkusTest
class JobFaultIncidentTest {

    @Inject
    DataSource dataSource;

    @Inject
    ProcessEngine processEngine;

    @Test
    void shouldRaiseAnIncidentWithFaultCodeAndReferenceButNoAddressOrStackTrace() throws SQLException {
        String email = TestAccounts.create();
        try (DatabaseFaults faults = DatabaseFaults.failCaseInserts(dataSource, "case_message", email, Integer.MAX_VALUE, "22023",
                "cannot post the evidence request to %")) {
            String ticketRef = (String) TestAccounts.openCase(email).get("ticketRef");
            long instanceKey = Eventually.find("the case's process instance", Duration.ofSeconds(20),
                    () -> Optional.ofNullable(caseOf(ticketRef).processInstanceKey));

            IncidentView incident = Eventually.find("an incident of the case's instance", Duration.ofSeconds(30),
                    () -> processEngine.overview().orElseThrow().openIncidents(1000).stream()
                            .filter(i -> i.processInstanceKey() == instanceKey).findFirst());

            String text = incident.errorMessage();
            assertTrue(text.startsWith("DATABASE_REJECTED (ref "), text);
            assertFalse(text.contains(email) || text.contains("@"), "no address in the incident: " + text);
            assertFalse(text.contains("\tat ") || text.contains("Exception"), "no stack trace or exception text in the incident: " + text);
            assertTrue(faults.inserts() == 1, "a rejected write is not retried: tried " + faults.inserts() + " times");
        }
    }

    private static RecoveryCase caseOf(String ticketRef) {
        return QuarkusTransaction.requiringNew().call(() -> RecoveryCase.<RecoveryCase>find("ticketRef", ticketRef).firstResult());
    }
}
