package com.recoverydesk.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.recoverydesk.accounts.CustomerAccount;
import com.recoverydesk.accounts.DirectoryAccount;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.process.OutboxCommand;
import com.recoverydesk.support.TestAccounts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the requester sees the moment the case opens. */
@QuarkusTest
class CaseOpeningTest {

    @Test
    void shouldListTheRequiredEvidenceTheMomentTheCaseOpens() {
        String caseToken = (String) TestAccounts.openCase(TestAccounts.create()).get("caseToken");
        given().auth().oauth2(caseToken).get("/api/v1/my-case")
                .then().statusCode(200)
                .body("status", equalTo("AWAITING_EVIDENCE"))
                .body("requiredEvidence", not(empty()))
                .body("canUpload", equalTo(true));
    }

    @Test
    void shouldTellAClosedAccountAtOnceThatNoDocumentsAreNeeded() {
        String email = closedAccount();
        Map<String, Object> confirmed = TestAccounts.openCase(email);
        String caseToken = (String) confirmed.get("caseToken");
        given().auth().oauth2(caseToken).get("/api/v1/my-case")
                .then().statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("requiredEvidence", empty())
                .body("canUpload", equalTo(false))
                .body("messages.body", hasItem(containsString("need no documents")));
        QuarkusTransaction.requiringNew().run(() -> {
            RecoveryCase refused = RecoveryCase.find("ticketRef", confirmed.get("ticketRef")).firstResult();
            assertEquals(0, OutboxCommand.count("caseId", refused.id), "no process started, nothing asked for");
        });
        given().cookie("rd_session", caseToken).accept("text/html").get("/recover/case")
                .then().statusCode(200).body(containsString("need no documents")).body(not(containsString("Upload a document")));
    }

    private static String closedAccount() {
        String email = "closed-" + System.nanoTime() + "@example.org";
        QuarkusTransaction.requiringNew().run(() -> {
            DirectoryAccount account = new DirectoryAccount();
            account.accountRef = "ACC-TC" + System.nanoTime();
            account.email = email;
            account.displayName = "Closed Customer";
            account.openedAt = OffsetDateTime.now(ZoneOffset.UTC).minusYears(3);
            account.balanceTier = CustomerAccount.BalanceTier.STANDARD;
            account.status = DirectoryAccount.Status.CLOSED;
            account.usualCountries = "DE";
            account.persist();
        });
        return email;
    }
}
