package com.recoverydesk.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import com.recoverydesk.support.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DemoMailboxTest {

    @Inject
    MailService mail;

    @Test
    void shouldKeepMailsInTheDemoMailboxAndFilterByRecipient() {
        String to = "mailbox-" + System.nanoTime() + "@example.com";
        mail.send(new OutgoingMail(to, "Your code", "Your code is 123456.", null));
        mail.send(new OutgoingMail("someone-else@example.com", "Other", "Other text", null));

        Eventually.await("the mail delivered", () -> given().queryParam("to", to).get("/api/v1/demo/mailbox")
                .then().statusCode(200).extract().jsonPath().getList("$").size() == 1);
        given().queryParam("to", to.toUpperCase()).get("/api/v1/demo/mailbox")
                .then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].subject", equalTo("Your code"))
                .body("[0].text", equalTo("Your code is 123456."));
    }

    @Test
    void shouldEscapeMailContentOnTheMailboxScreen() {
        String to = "escape-" + System.nanoTime() + "@example.com";
        mail.send(new OutgoingMail(to, "<script>alert(1)</script>", "<b>bold?</b>", null));

        Eventually.await("the mail delivered", () -> given().queryParam("to", to).get("/api/v1/demo/mailbox")
                .then().statusCode(200).extract().jsonPath().getList("$").size() == 1);
        given().accept("text/html").queryParam("to", to).get("/demo/mailbox")
                .then().statusCode(200)
                .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;"))
                .body(not(containsString("<script>alert")));
    }
}
