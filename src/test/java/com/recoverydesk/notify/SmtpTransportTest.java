package com.recoverydesk.notify;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.recoverydesk.support.DatabaseFaults;
import com.recoverydesk.support.Eventually;
import com.recoverydesk.support.TestAccounts;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * With {@code recovery.mail.transport=smtp}, mails go through Quarkus Mailer (its mock mailbox
 * stands in for the SMTP server here) and the demo mailbox does not exist at all. Mails leave
 * through the mail outbox after the step that wrote them committed: a step that fails after
 * writing its mail and is retried sends it once.
 */
@QuarkusTest
@TestProfile(SmtpTransportTest.Smtp.class)
class SmtpTransportTest {

    public static class Smtp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recovery.mail.transport", "smtp");
        }
    }

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    @Inject
    MailService mail;

    @Inject
    MockMailbox smtp;

    @Inject
    DataSource dataSource;

    @Test
    void shouldSendThroughTheMailerAndHaveNoDemoMailbox() {
        String to = "smtp-" + System.nanoTime() + "@example.org";
        mail.send(new OutgoingMail(to, "Subject line", "Plain text", "<p>HTML</p>"));

        List<Mail> sent = Eventually.find("the mail sent", Duration.ofSeconds(10),
                () -> Optional.ofNullable(smtp.getMailsSentTo(to)).filter(mails -> !mails.isEmpty()));
        assertEquals(1, sent.size());
        assertEquals("Plain text", sent.get(0).getText());
        assertEquals("<p>HTML</p>", sent.get(0).getHtml());

        given().get("/api/v1/demo/mailbox").then().statusCode(404);
        given().accept("text/html").get("/demo/mailbox").then().statusCode(404);
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
        String code = Eventually.find("the access code sent to " + email, Duration.ofSeconds(10), () -> {
            List<Mail> mails = smtp.getMailsSentTo(email);
            if (mails == null) {
                return Optional.empty();
            }
            return mails.stream().map(Mail::getSubject).map(CODE::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst();
        });
        String ticketRef = given().contentType("application/json").body(Map.of("accountEmail", email, "code", code))
                .post("/api/v1/recovery-requests/confirmations")
                .then().statusCode(201).extract().path("ticketRef");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("select id from recovery_case where ticket_ref = ?")) {
            statement.setString(1, ticketRef);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private List<Mail> evidenceMails(String email) {
        List<Mail> mails = smtp.getMailsSentTo(email);
        return mails == null ? List.of() : mails.stream().filter(m -> m.getText().toLowerCase().contains("upload")).toList();
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
