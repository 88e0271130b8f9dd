package com.recoverydesk.notify;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code recovery.mail.transport=smtp}, mails go through Quarkus Mailer (its mock mailbox
 * stands in for the SMTP server here) and the demo mailbox does not exist at all.
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

    @Inject
    MailService mail;

    @Inject
    MockMailbox smtp;

    @Test
    void shouldSendThroughTheMailerAndHaveNoDemoMailbox() {
        String to = "smtp-" + System.nanoTime() + "@example.org";
        mail.send(new OutgoingMail(to, "Subject line", "Plain text", "<p>HTML</p>"));

        List<Mail> sent = smtp.getMailsSentTo(to);
        assertEquals(1, sent.size());
        assertEquals("Plain text", sent.get(0).getText());
        assertEquals("<p>HTML</p>", sent.get(0).getHtml());

        given().get("/api/v1/demo/mailbox").then().statusCode(404);
        given().accept("text/html").get("/demo/mailbox").then().statusCode(404);
    }
}
