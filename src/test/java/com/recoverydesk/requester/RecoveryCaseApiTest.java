package com.recoverydesk.requester;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.process.ProcessEngine;
import com.recoverydesk.support.EvidenceSamples;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import com.recoverydesk.support.Eventually;
import com.recoverydesk.support.TestAccounts;
import com.recoverydesk.support.TestTokens;
import io.restassured.response.ValidatableResponse;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The first half of a case through the API: evidence, submission, the review queue (issue 4). */
@QuarkusTest
class RecoveryCaseApiTest {

    @Inject
    ProcessEngine processEngine;

    @Test
    void shouldTakeACaseFromEvidenceToTheReviewQueue() throws Exception {
        String caseToken = openCaseAwaitingEvidence();
        byte[] idFront = EvidenceSamples.png(800, 500);
        byte[] selfie = EvidenceSamples.jpeg(600, 800);

        // submitting too early names what is missing
        given().auth().oauth2(caseToken).post("/api/v1/my-case/submission")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("ID_FRONT"));

        String idFrontSha = upload(caseToken, "ID_FRONT", "front.png", idFront).statusCode(201)
                .body("sha256", equalTo(sha256(idFront))).body("contentType", equalTo("image/png"))
                .extract().path("sha256");
        upload(caseToken, "SELFIE_WITH_NOTE", "selfie.jpg", selfie).statusCode(201);

        given().auth().oauth2(caseToken).get("/api/v1/my-case").then().statusCode(200)
                .body("status", equalTo("AWAITING_EVIDENCE"))
                .body("requiredEvidence.satisfied", equalTo(List.of(true, true)))
                .body("evidence", hasSize(2))
                .body("canSubmit", equalTo(true));

        given().auth().oauth2(caseToken).post("/api/v1/my-case/submission").then().statusCode(202);
        String ticketRef = given().auth().oauth2(caseToken).get("/api/v1/my-case").then().extract().path("ticketRef");

        // the process opens the review: the case is in the agents' queue with its due time
        Map<String, Object> task = awaitQueueEntry(ticketRef);
        assertEquals("LOW", task.get("riskLevel"));
        assertTrue(((String) task.get("dueAt")).length() > 10);
        given().auth().oauth2(caseToken).get("/api/v1/my-case").then().body("status", equalTo("IN_REVIEW"));

        // the audit trail holds each file's SHA-256
        String caseId = (String) task.get("caseId");
        List<String> details = given().auth().oauth2(TestTokens.forRole("compliance")).queryParam("caseId", caseId)
                .get("/api/v1/audit/events").then().statusCode(200).extract().path("events.details");
        assertTrue(details.stream().anyMatch(d -> d.contains(idFrontSha)), details.toString());
    }

    @Test
    void shouldRefuseBadFilesClearlyAndKeepNothingOfThem() throws Exception {
        String caseToken = openCaseAwaitingEvidence();

        upload(caseToken, "ID_FRONT", "front.jpg", EvidenceSamples.html()).statusCode(415).contentType("application/problem+json");
        upload(caseToken, "VIDEO", "clip.mp4", EvidenceSamples.png(100, 100)).statusCode(415);
        upload(caseToken, "ID_FRONT", "bomb.png", EvidenceSamples.pngHeaderClaiming(100_000, 100_000)).statusCode(413);
        upload(caseToken, "ID_FRONT", "empty.png", new byte[0]).statusCode(400);
        byte[] oversized = new byte[10 * 1024 * 1024 + 1];
        byte[] png = EvidenceSamples.png(10, 10);
        System.arraycopy(png, 0, oversized, 0, png.length);
        upload(caseToken, "ID_BACK", "huge.png", oversized).statusCode(413).contentType("application/problem+json");
        upload(caseToken, "NOT_A_KIND", "x.png", png).statusCode(400);

        // mislabelled: the label contradicts the content
        upload(caseToken, "ID_FRONT", "scan.pdf", png).statusCode(415).body("title", equalTo("Mislabelled file"));

        given().auth().oauth2(caseToken).get("/api/v1/my-case").then().body("evidence", hasSize(0));

        // without a telling name, the content alone decides: a PNG is stored as the PNG it is
        upload(caseToken, "ID_FRONT", "scan", png).statusCode(201).body("contentType", equalTo("image/png"));
    }

    @Test
    void shouldStoreEvidenceEncryptedOnDisk() throws Exception {
        String caseToken = openCaseAwaitingEvidence();
        byte[] pdf = EvidenceSamples.pdf();
        upload(caseToken, "ID_FRONT", "id.pdf", pdf).statusCode(201);

        // the upload's first 48 bytes: a plaintext copy holds them, random ciphertext never does (a bare
        // "%PDF" turns up in a few hundred kilobytes of ciphertext now and then)
        String marker = new String(pdf, 0, Math.min(48, pdf.length), java.nio.charset.StandardCharsets.ISO_8859_1);
        try (Stream<Path> stored = Files.walk(Path.of("target/evidence"))) {
            List<Path> objects = stored.filter(Files::isRegularFile).toList();
            assertFalse(objects.isEmpty());
            for (Path object : objects) {
                assertFalse(new String(Files.readAllBytes(object), java.nio.charset.StandardCharsets.ISO_8859_1).contains(marker),
                        object + " holds plaintext");
            }
        }
    }

    @Test
    void shouldLetTheRequesterWithdrawAndStopTheCase() {
        String caseToken = openCaseAwaitingEvidence();
        String ticketRef = given().auth().oauth2(caseToken).get("/api/v1/my-case").then().extract().path("ticketRef");
        long instanceKey = QuarkusTransaction.requiringNew().call(() ->
                RecoveryCase.<RecoveryCase>find("ticketRef", ticketRef).firstResult().processInstanceKey);
        given().auth().oauth2(caseToken).post("/api/v1/my-case/withdrawal").then().statusCode(202);
        // the outbox cancels the case's process instance
        Eventually.await("the instance cancelled", () -> processEngine.overview().orElseThrow().activeInstances(1000).stream()
                .noneMatch(instance -> instance.key() == instanceKey));
        given().auth().oauth2(caseToken).get("/api/v1/my-case").then()
                .body("status", equalTo("WITHDRAWN")).body("canUpload", equalTo(false));
        upload(caseToken, "ID_FRONT", "front.png", EvidenceSamples.png(10, 10)).statusCode(409);
        given().auth().oauth2(caseToken).post("/api/v1/my-case/withdrawal").then().statusCode(409);
    }

    @Test
    void shouldRefuseAReplacedCaseTokenAndStaffTokens() {
        String email = TestAccounts.create();
        String first = (String) TestAccounts.openCase(email).get("caseToken");
        // a new confirmation for the same account gives a new token for the same case
        Map<String, Object> again = TestAccounts.openCase(email);
        assertEquals(false, again.get("newCase"));
        given().auth().oauth2(first).get("/api/v1/my-case").then().statusCode(401);
        given().auth().oauth2((String) again.get("caseToken")).get("/api/v1/my-case").then().statusCode(200);
        given().auth().oauth2(TestTokens.forRole("agent")).get("/api/v1/my-case").then().statusCode(403);
    }

    /** Opens a case for a fresh ordinary account and waits until its evidence requirements are set. */
    static String openCaseAwaitingEvidence() {
        String caseToken = (String) TestAccounts.openCase(TestAccounts.create()).get("caseToken");
        Eventually.await("the risk assessment", () -> !given().auth().oauth2(caseToken).get("/api/v1/my-case").then().extract()
                .<List<?>>path("requiredEvidence").isEmpty());
        return caseToken;
    }

    static ValidatableResponse upload(String caseToken, String kind, String fileName, byte[] content) {
        return given().auth().oauth2(caseToken).multiPart("kind", kind)
                .multiPart("file", fileName, content, "application/octet-stream")
                .post("/api/v1/my-case/evidence").then();
    }

    private static Map<String, Object> awaitQueueEntry(String ticketRef) {
        return Eventually.find(ticketRef + " in the review queue", Eventually.DEFAULT, () -> {
            List<Map<String, Object>> tasks = given().auth().oauth2(TestTokens.forRole("agent")).queryParam("queue", "review")
                    .get("/api/v1/review/tasks").then().statusCode(200).extract().path("$");
            return tasks.stream().filter(task -> ticketRef.equals(task.get("ticketRef"))).findFirst();
        });
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
