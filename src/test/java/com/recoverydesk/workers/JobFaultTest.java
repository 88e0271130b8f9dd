package com.recoverydesk.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** What a failed job's incident may say: a fault code and a reference; our own refusals also their text. */
class JobFaultTest {

    @Test
    void shouldKeepALibrarysTextOutOfTheIncidentAndTheAddressOutOfTheLog() {
        RuntimeException smtp = new RuntimeException("550 mailbox unavailable: carol@example.com",
                new java.io.IOException("rejected RCPT TO:<carol@example.com>"));

        JobFault fault = JobFault.of(smtp);

        assertEquals(JobFault.Code.UNEXPECTED, fault.code());
        assertTrue(fault.retryable());
        // the library's words, not the bare "550": the random reference is hex and may hold those digits
        assertFalse(fault.incidentText().contains("mailbox unavailable") || fault.incidentText().contains("@"), fault.incidentText());
        assertTrue(fault.incidentText().contains(fault.reference()));
        assertFalse(fault.detail().contains("carol@example.com"), fault.detail());
        assertTrue(fault.detail().contains("550 mailbox unavailable"), "the log keeps the rest of the detail: " + fault.detail());
    }

    @Test
    void shouldTellTheOperatorWhatOurOwnCodeRefused() {
        JobFault fault = JobFault.of(new IllegalStateException("the directory no longer knows the account of case 42"));

        assertEquals(JobFault.Code.STEP_REFUSED, fault.code());
        assertTrue(fault.incidentText().startsWith("STEP_REFUSED: the directory no longer knows the account of case 42 (ref "), fault.incidentText());
    }

    @Test
    void shouldRetryTransientDatabaseFaultsButNotDataTheDatabaseRejects() {
        JobFault busy = JobFault.of(new RuntimeException("could not execute", new SQLException("serialization failure", "40001")));
        JobFault rejected = JobFault.of(new RuntimeException("could not execute", new SQLException("value too long", "22001")));

        assertEquals(JobFault.Code.DATABASE_UNAVAILABLE, busy.code());
        assertTrue(busy.retryable());
        assertEquals(JobFault.Code.DATABASE_REJECTED, rejected.code());
        assertFalse(rejected.retryable());
        assertTrue(rejected.detail().contains("[22001]"), rejected.detail());
    }

    @Test
    void shouldRetryWhileTheAccountDirectoryIsUnreachable() {
        JobFault fault = JobFault.of(new RuntimeException("reset failed",
                new com.recoverydesk.accounts.DirectoryUnavailableException("Keycloak answered 503 on 0f4c")));

        assertEquals(JobFault.Code.DIRECTORY_UNAVAILABLE, fault.code());
        assertTrue(fault.retryable());
        assertTrue(fault.incidentText().startsWith("DIRECTORY_UNAVAILABLE"), fault.incidentText());
    }
}
