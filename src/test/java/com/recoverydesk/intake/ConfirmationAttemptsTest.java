package com.recoverydesk.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.recoverydesk.cases.CaseStatus;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.cases.TicketReferences;
import com.recoverydesk.support.TestAccounts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Wrong codes are counted atomically on PostgreSQL, confirmations are throttled per address, one open case per account. */
@QuarkusTest
class ConfirmationAttemptsTest {

    @TestHTTPResource("/api/v1/recovery-requests/confirmations")
    URL confirmations;

    @Test
    void shouldCountEveryWrongCodeSentInParallelAndBurnAtTheFifth() throws Exception {
        // four at once on each of three requests: a lost update shows as a count below four
        for (int round = 0; round < 3; round++) {
            String email = TestAccounts.create();
            TestAccounts.fileRequest(email);
            String code = TestAccounts.mailedCode(email);
            String wrong = code.equals("000000") ? "111111" : "000000";
            guessInParallel(email, wrong, 4);
            assertEquals(4, requestOf(email).failedAttempts, "every one of the parallel wrong codes counted");

            if (round == 0) {
                guessInParallel(email, wrong, 1);
                given().contentType("application/json").body(Map.of("accountEmail", email, "code", code))
                        .post("/api/v1/recovery-requests/confirmations")
                        .then().statusCode(400).body("detail", equalTo(IntakeService.WRONG_CODE));
                assertEquals(RecoveryRequest.Status.BURNT, requestOf(email).status);
            }
        }
    }

    private void guessInParallel(String email, String wrong, int guesses) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(guesses);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < guesses; i++) {
                String client = "203.0.113." + (i + 1);
                answers.add(pool.submit(() -> {
                    HttpClient http = HttpClient.newHttpClient();
                    HttpRequest request = HttpRequest.newBuilder(confirmations.toURI()).header("Content-Type", "application/json")
                            .header("X-Forwarded-For", client)
                            .POST(HttpRequest.BodyPublishers.ofString("{\"accountEmail\":\"" + email + "\",\"code\":\"" + wrong + "\"}")).build();
                    start.await();
                    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                assertEquals(400, answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static RecoveryRequest requestOf(String email) {
        return QuarkusTransaction.requiringNew().call(() -> RecoveryRequest.<RecoveryRequest>find("emailHash", IntakeService.sha256(email)).firstResult());
    }

    @Test
    void shouldThrottleConfirmationsPerAddressFromAnyClient() {
        String email = TestAccounts.create();
        TestAccounts.fileRequest(email);
        for (int i = 0; i < 20; i++) {
            given().contentType("application/json").body(Map.of("accountEmail", email, "code", "000000"))
                    .header("X-Forwarded-For", "198.51.100." + (i + 1))
                    .post("/api/v1/recovery-requests/confirmations").then().statusCode(400);
        }
        given().contentType("application/json").body(Map.of("accountEmail", email, "code", "000000"))
                .header("X-Forwarded-For", "198.51.100.99")
                .post("/api/v1/recovery-requests/confirmations")
                .then().statusCode(429).header("Retry-After", notNullValue());
    }

    @Test
    void shouldRefuseASecondOpenCaseForTheSameAccountInTheDatabase() {
        String accountRef = "ACC-T-" + UUID.randomUUID().toString().substring(0, 8);
        QuarkusTransaction.requiringNew().run(() -> openCase(accountRef, CaseStatus.WITHDRAWN));
        QuarkusTransaction.requiringNew().run(() -> openCase(accountRef, CaseStatus.IN_REVIEW));
        assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> openCase(accountRef, CaseStatus.AWAITING_EVIDENCE)));
    }

    @Test
    void shouldEndTheOlderRequestWhenTheAddressFilesAnewSoItsCodeNeverComesBack() {
        String email = TestAccounts.create();
        TestAccounts.fileRequest(email);
        String older = TestAccounts.mailedCodeAfter(email, 0);
        TestAccounts.fileRequest(email);
        String newer = TestAccounts.mailedCodeAfter(email, 1);
        String wrong = java.util.stream.Stream.of("000000", "111111", "222222").filter(c -> !c.equals(older) && !c.equals(newer))
                .findFirst().orElseThrow();
        for (int i = 0; i < 5; i++) {
            given().contentType("application/json").body(Map.of("accountEmail", email, "code", wrong))
                    .post("/api/v1/recovery-requests/confirmations").then().statusCode(400);
        }
        given().contentType("application/json").body(Map.of("accountEmail", email, "code", older))
                .post("/api/v1/recovery-requests/confirmations")
                .then().statusCode(400).body("detail", equalTo(IntakeService.WRONG_CODE));
    }

    private static void openCase(String accountRef, CaseStatus status) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        RecoveryCase recoveryCase = new RecoveryCase();
        recoveryCase.id = UUID.randomUUID().toString();
        recoveryCase.ticketRef = TicketReferences.next();
        recoveryCase.accountRef = accountRef;
        recoveryCase.status = status;
        recoveryCase.description = "Lost phone";
        recoveryCase.openedAt = now;
        recoveryCase.updatedAt = now;
        recoveryCase.persist();
    }
}
