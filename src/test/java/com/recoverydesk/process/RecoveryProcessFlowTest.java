package com.recoverydesk.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.accounts.CustomerAccount;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.support.TestAccounts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The process, run by the embedded engine through the client, takes a confirmed case to its evidence wait. */
@QuarkusTest
class RecoveryProcessFlowTest {

    @Test
    void shouldAssessRiskAndAskAnOrdinaryAccountForTwoDocuments() {
        String email = TestAccounts.create();
        Map<String, Object> opened = TestAccounts.openCase(email);

        String mail = TestAccounts.newestMailTextMatching(email, "please upload", Duration.ofSeconds(20));
        assertTrue(mail.contains((String) opened.get("ticketRef")), mail);
        assertTrue(mail.contains("ID document, front"), mail);
        assertTrue(mail.contains("Selfie with ID and handwritten note"), mail);

        RecoveryCase recoveryCase = caseOf((String) opened.get("ticketRef"));
        assertEquals("LOW", recoveryCase.riskLevel);
        assertEquals("ID_FRONT,SELFIE_WITH_NOTE", recoveryCase.requiredEvidence);
        assertNotNull(recoveryCase.processInstanceKey);
    }

    @Test
    void shouldAskALargeBalanceForAVideoOrASecondDocument() {
        String email = TestAccounts.create(CustomerAccount.BalanceTier.LARGE);
        Map<String, Object> opened = TestAccounts.openCase(email);

        String mail = TestAccounts.newestMailTextMatching(email, "please upload", Duration.ofSeconds(20));
        assertTrue(mail.contains("Short video or Second document"), mail);
        assertEquals("HIGH", caseOf((String) opened.get("ticketRef")).riskLevel);
    }

    private static RecoveryCase caseOf(String ticketRef) {
        return QuarkusTransaction.requiringNew().call(() -> RecoveryCase.<RecoveryCase>find("ticketRef", ticketRef).firstResult());
    }
}
