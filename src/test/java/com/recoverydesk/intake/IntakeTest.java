package com.recoverydesk.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.process.OutboxCommand;
import com.recoverydesk.support.TestAccounts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IntakeTest {

    @Test
    void shouldAnswerAKnownAndAnUnknownAddressByteForByteAlike() {
        Response known = file(TestAccounts.create());
        Response unknown = file("nobody-" + System.nanoTime() + "@example.org");

        assertEquals(202, known.statusCode());
        assertEquals(known.statusCode(), unknown.statusCode());
        assertEquals(known.contentType(), unknown.contentType());
        assertArrayEquals(known.asByteArray(), unknown.asByteArray());
        assertEquals(known.headers().asList().stream().map(h -> h.getName()).sorted().toList(),
                unknown.headers().asList().stream().map(h -> h.getName()).sorted().toList());
    }

    @Test
    void shouldMailTheCodeToTheRegisteredAddressAndOpenACaseWithIt() {
        String email = TestAccounts.create();
        TestAccounts.fileRequest(email.toUpperCase());
        String code = TestAccounts.mailedCode(email);

        Map<String, Object> confirmed = given().contentType("application/json")
                .body(Map.of("accountEmail", email, "code", code))
                .post("/api/v1/recovery-requests/confirmations")
                .then().statusCode(201)
                .body("ticketRef", matchesPattern("RCV-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}"))
                .body("caseToken", notNullValue())
                .body("newCase", equalTo(true))
                .extract().as(Map.class);

        QuarkusTransaction.requiringNew().run(() -> {
            RecoveryCase opened = RecoveryCase.find("ticketRef", confirmed.get("ticketRef")).firstResult();
            assertEquals("AWAITING_EVIDENCE", opened.status.name());
            OutboxCommand start = OutboxCommand.find("caseId", opened.id).firstResult();
            assertEquals(OutboxCommand.Kind.START_PROCESS, start.kind);
        });

        // the same code a second time opens nothing
        given().contentType("application/json").body(Map.of("accountEmail", email, "code", code))
                .post("/api/v1/recovery-requests/confirmations")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void shouldSendNothingToAnUnknownAddressAndConfirmNothingForIt() throws InterruptedException {
        String unknown = "nobody-" + System.nanoTime() + "@example.org";
        file(unknown).then().statusCode(202);
        Thread.sleep(500);
        given().queryParam("to", unknown).get("/api/v1/demo/mailbox").then().body("$", hasSize(0));
        given().contentType("application/json").body(Map.of("accountEmail", unknown, "code", "123456"))
                .post("/api/v1/recovery-requests/confirmations")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void shouldBurnTheRequestAfterFiveWrongCodes() {
        String email = TestAccounts.create();
        TestAccounts.fileRequest(email);
        String code = TestAccounts.mailedCode(email);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            given().contentType("application/json").body(Map.of("accountEmail", email, "code", wrong))
                    .post("/api/v1/recovery-requests/confirmations").then().statusCode(400);
        }
        given().contentType("application/json").body(Map.of("accountEmail", email, "code", code))
                .post("/api/v1/recovery-requests/confirmations")
                .then().statusCode(400).body("detail", equalTo(IntakeService.WRONG_CODE));
    }

    @Test
    void shouldLimitRequestsPerAddressWithRetryAfter() {
        String email = TestAccounts.create();
        for (int i = 0; i < 5; i++) {
            file(email).then().statusCode(202);
        }
        file(email).then().statusCode(429).contentType("application/problem+json").header("Retry-After", notNullValue());
    }

    @Test
    void shouldRefuseInvalidInputNamingTheFields() {
        given().contentType("application/json").body(Map.of("accountEmail", "not-an-address", "description", ""))
                .post("/api/v1/recovery-requests")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(java.util.List.of("accountEmail", "description")));
        given().contentType("application/json").body(Map.of("accountEmail", "a@example.org", "code", "12ab"))
                .post("/api/v1/recovery-requests/confirmations")
                .then().statusCode(400).body("errors[0].field", equalTo("code"));
    }

    private static Response file(String email) {
        return given().contentType("application/json")
                .body(Map.of("accountEmail", email, "description", "Lost my phone"))
                .post("/api/v1/recovery-requests");
    }
}
