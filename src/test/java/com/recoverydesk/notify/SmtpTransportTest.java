package com.recoverydesk.notify;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.support.DatabaseFaults;
import com.recoverydesk.support.Eventually;
import com.recoverydesk.support.ExternalServersProfile;
import com.recoverydesk.support.SmtpTestServer;
import com.recoverydesk.support.SmtpTestServer.Received;
import com.recoverydesk.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * With {@code recovery.mail.transport=smtp}, mails go through Quarkus Mailer to a real SMTP server
 * (GreenMail, behind a proxy that can refuse or drop connections) and the demo mailbox does not exist
 * at all. Mails leave through the mail outbox after the step that wrote them committed: a step that
 * fails after writing its mail and is retried sends it once; an SMTP server that refuses or drops the
 * connection gets the mail again later, once, and the step that wrote it is not undone.
 */
@QuarkusTest
@TestProfile(ExternalServersProfile.class)
class SmtpTransportTest {

    /** Two failed tries (each up to the mailer's 5 s timeout of the profile) and their back-off of 1 s and 2 s. */
    private static final Duration RETRIES = Duration.ofSeconds(45);

    @Inject
    MailService mail;

    @Inject
    DataSource dataSource;

    @Test
    void shouldDeliverToTheSmtpServerAndHaveNoDemoMailbox() {
        String to = "smtp-" + System.nanoTime() + "@example.org";
        mail.send(new OutgoingMail(to, "Subject line", "Plain text", "<p>HTML</p>"));

        List<Received> received = Eventually.find("the mail received by the SMTP server", Duration.ofSeconds(10),
                () -> Optional.of(SmtpTestServer.mailsTo(to)).filter(mails -> !mails.isEmpty()));
        assertEquals(1, received.size());
        Received delivered = received.get(0);
        assertEquals("Subject line", delivered.subject());
        assertEquals("Plain text", delivered.text().trim());
        assertEquals("<p>HTML</p>", delivered.html().trim());
        assertTrue(delivered.from().contains("no-reply@recovery-desk.local"), delivered.from());
        assertTrue(delivered.messageId().matches("<outbox-\\d+-\\d+@recovery-desk>"), delivered.messageId());

        given().get("/api/v1/demo/mailbox").then().statusCode(404);
        given().accept("text/html").get("/demo/mailbox").then().statusCode(404);
    }

    @Test
    void shouldRetryAfterARefusedAndADroppedConnectionAndDeliverOnce() {
        String to = "flaky-" + System.nanoTime() + "@example.org";
        int faultsBefore = SmtpTestServer.faultsInjected();
        SmtpTestServer.refuseNextConnections(1);
        SmtpTestServer.dropNextMailsDuringData(1);

        mail.send(new OutgoingMail(to, "Through a bad line", "Sent once", null));

        Eventually.find("the mail delivered after the refusal and the drop", RETRIES,
                () -> Optional.of(SmtpTestServer.mailsTo(to)).filter(mails -> !mails.isEmpty()));
        assertEquals(2, SmtpTestServer.faultsInjected() - faultsBefore, "the connection was refused once and dropped once");
        Eventually.await("the mail gone from the outbox", () -> outboxRows(to) == 0);
        assertEquals(1, SmtpTestServer.mailsTo(to).size(), "delivered exactly once");
    }

    @Test
    void shouldKeepTheCaseGoingWhileTheSmtpServerFailsAndSendItsMailOnce() throws SQLException {
        String email = TestAccounts.create();
        TestAccounts.fileRequest(email);
        String code = SmtpTestServer.mailedCode(email);
        int faultsBefore = SmtpTestServer.faultsInjected();
        // the next mails (the request for evidence first of all) meet a refused and then a dropped connection
        SmtpTestServer.refuseNextConnections(1);
        SmtpTestServer.dropNextMailsDuringData(1);

        String caseToken = given().contentType("application/json").body(Map.of("accountEmail", email, "code", code))
                .post("/api/v1/recovery-requests/confirmations")
                .then().statusCode(201).extract().path("caseToken");

        Eventually.find("the request for evidence mailed", RETRIES, () -> Optional.of(evidenceMails(email)).filter(mails -> !mails.isEmpty()));
        assertEquals(2, SmtpTestServer.faultsInjected() - faultsBefore, "both faults met a delivery");
        assertEquals(1, evidenceMails(email).size(), "the mail sent once");
        // the step that wrote the mail committed whatever SMTP did: the case asks for evidence
        given().auth().oauth2(caseToken).get("/api/v1/my-case").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("AWAITING_EVIDENCE"))
                .body("requiredEvidence", org.hamcrest.Matchers.not(org.hamcrest.Matchers.empty()));
        assertTrue(stepDone(caseId(email), "request-evidence"));
    }

    @Test
    void shouldSendTheStepsMailOnceWhenTheTransactionAfterItFailsAndIsRetried() throws SQLException {
        String email = TestAccounts.create();
        // the request-evidence step writes its mail, then posts the case message: that insert fails once
        // for this requester's case (a serialisation failure), which rolls the whole step back
        try (DatabaseFaults faults = DatabaseFaults.failCaseInserts(dataSource, "case_message", email, 1, "40001", "injected fault for %")) {
            String caseId = openCase(email);

            Eventually.await("the request-evidence step done and its mail sent",
                    () -> stepDone(caseId, "request-evidence") && !evidenceMails(email).isEmpty());

            assertEquals(2, faults.inserts(), "the step's first try failed after writing its mail, its retry went through");
            assertEquals(1, evidenceMails(email).size(), "the mail of the failed try was never sent");
        }
    }

    private String openCase(String email) throws SQLException {
        TestAccounts.fileRequest(email);
        String code = SmtpTestServer.mailedCode(email);
        given().contentType("application/json").body(Map.of("accountEmail", email, "code", code))
                .post("/api/v1/recovery-requests/confirmations")
                .then().statusCode(201);
        return caseId(email);
    }

    private String caseId(String email) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select c.id from recovery_case c join customer_account a on a.account_ref = c.account_ref where a.email = ?")) {
            statement.setString(1, email);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static List<Received> evidenceMails(String email) {
        return SmtpTestServer.mailsTo(email).stream().filter(m -> m.text().toLowerCase().contains("upload")).toList();
    }

    private long outboxRows(String recipient) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("select count(*) from mail_outbox where recipient = ?")) {
            statement.setString(1, recipient);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean stepDone(String caseId, String step) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("select count(*) from case_step where case_id = ? and step_key = ?")) {
            statement.setString(1, caseId);
            statement.setString(2, step);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
