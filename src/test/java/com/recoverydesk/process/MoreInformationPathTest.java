package com.recoverydesk.process;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.review.ReviewTask;
import com.recoverydesk.support.EvidenceSamples;
import com.recoverydesk.support.Eventually;
import com.recoverydesk.support.TestAccounts;
import io.camunda.client.CamundaClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The more-information path: the review asks the requester for more, the case goes back to the
 * evidence wait with the agent's question, and a new submission opens a new review round.
 */
@QuarkusTest
class MoreInformationPathTest {

    @Inject
    CamundaClient client;

    @Test
    void shouldReturnTheCaseToTheRequesterAndBackToReview() {
        String email = TestAccounts.create();
        String caseToken = (String) TestAccounts.openCase(email).get("caseToken");
        Eventually.await("evidence requested", () -> !given().auth().oauth2(caseToken).get("/api/v1/my-case").then().extract()
                .<List<?>>path("requiredEvidence").isEmpty());
        upload(caseToken, "ID_FRONT", EvidenceSamples.png(640, 400));
        upload(caseToken, "SELFIE_WITH_NOTE", EvidenceSamples.jpeg(480, 640));
        given().auth().oauth2(caseToken).post("/api/v1/my-case/submission").then().statusCode(202);
        String caseId = caseIdOf(caseToken);
        Eventually.await("review round 0 opened", () -> openReviewRounds(caseId).equals(List.of(0)));

        // the agent's decision, as the review screen publishes it
        client.newPublishMessageCommand().messageName(RecoveryProcess.Messages.REVIEW_DECIDED).correlationKey(caseId)
                .messageId("review-decided:" + caseId + ":0")
                .variables(Map.of(RecoveryProcess.Variables.REVIEW_DECISION, "REQUEST_MORE_INFO",
                        "reviewMessage", "The selfie is blurred; please take it again in daylight."))
                .send().join();

        Eventually.await("back to the requester", () -> "AWAITING_EVIDENCE".equals(given().auth().oauth2(caseToken).get("/api/v1/my-case")
                .then().extract().path("status")));
        given().auth().oauth2(caseToken).get("/api/v1/my-case").then()
                .body("messages.body", hasItem("The selfie is blurred; please take it again in daylight."));
        TestAccounts.newestMailTextMatching(email, "blurred", Duration.ofSeconds(10));

        // nothing new: refused; a new selfie: accepted, and review round 1 opens
        given().auth().oauth2(caseToken).post("/api/v1/my-case/submission").then().statusCode(400);
        upload(caseToken, "SELFIE_WITH_NOTE", EvidenceSamples.jpeg(500, 700));
        given().auth().oauth2(caseToken).post("/api/v1/my-case/submission").then().statusCode(202);
        Eventually.await("review round 1 opened", () -> openReviewRounds(caseId).equals(List.of(1)));
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> RecoveryCase.<RecoveryCase>findById(caseId).moreInfoRounds));
    }

    private static void upload(String caseToken, String kind, byte[] content) {
        given().auth().oauth2(caseToken).multiPart("kind", kind).multiPart("file", "f", content, "application/octet-stream")
                .post("/api/v1/my-case/evidence").then().statusCode(201);
    }

    private static String caseIdOf(String caseToken) {
        String ticketRef = given().auth().oauth2(caseToken).get("/api/v1/my-case").then().extract().path("ticketRef");
        return QuarkusTransaction.requiringNew().call(() -> RecoveryCase.<RecoveryCase>find("ticketRef", ticketRef).firstResult().id);
    }

    private static List<Integer> openReviewRounds(String caseId) {
        return QuarkusTransaction.requiringNew().call(() -> ReviewTask.<ReviewTask>list("caseId = ?1 and completedAt is null", caseId)
                .stream().map(t -> t.round).toList());
    }
}
