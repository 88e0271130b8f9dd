package com.recoverydesk.support;

import static io.restassured.RestAssured.given;

import com.recoverydesk.cases.CaseStatus;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.cases.TicketReferences;
import com.recoverydesk.review.ReviewTask;
import com.recoverydesk.review.TaskQueue;
import com.recoverydesk.process.RecoveryProcess;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Cases written straight into the database, for tests of screens that only read them. */
public final class TestCases {

    private TestCases() {
    }

    /**
     * A case waiting in the review queue with the given due time, as the open-review worker leaves
     * it; its account reference is its own, so no other test's account is touched.
     *
     * @return its ticket reference
     */
    public static String inReview(OffsetDateTime dueAt, String riskLevel) {
        return QuarkusTransaction.requiringNew().call(() -> {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            RecoveryCase recoveryCase = new RecoveryCase();
            recoveryCase.id = UUID.randomUUID().toString();
            recoveryCase.ticketRef = TicketReferences.next();
            recoveryCase.accountRef = "ACC-T-" + recoveryCase.id.substring(0, 8);
            recoveryCase.status = CaseStatus.IN_REVIEW;
            recoveryCase.description = "Lost phone";
            recoveryCase.riskLevel = riskLevel;
            recoveryCase.openedAt = now;
            recoveryCase.updatedAt = now;
            recoveryCase.persist();
            ReviewTask task = new ReviewTask();
            task.id = UUID.randomUUID().toString();
            task.caseId = recoveryCase.id;
            task.queue = TaskQueue.REVIEW;
            task.round = 0;
            task.dueAt = dueAt;
            task.createdAt = now;
            task.persist();
            return recoveryCase.ticketRef;
        });
    }

    /** A case that went through intake, evidence, review and second approval, as the engine runs it. */
    public record ApprovedCase(String caseId, String ticketRef, String caseToken) {}

    /**
     * Files a request for the account, uploads what its risk level asks for, submits it, and takes
     * it through the review and the second approval with APPROVE: the process then announces the reset.
     *
     * <p>The one place that gets a case approved. Until the workbench is merged it publishes the
     * decisions through the Camunda client and completes the {@code open-approval} job itself; after
     * the merge this becomes the workbench's API calls (review decision, approval decision).
     */
    public static ApprovedCase approvedCase(String email) {
        return approvedCase(email, () -> { });
    }

    /** @param beforeSecondApproval runs between the review's approval and the supervisor's */
    public static ApprovedCase approvedCase(String email, Runnable beforeSecondApproval) {
        return approvedCase(email, "en", beforeSecondApproval);
    }

    /** @param language the language the request is filed in ("en", "ja") */
    public static ApprovedCase approvedCase(String email, String language, Runnable beforeSecondApproval) {
        Map<String, Object> opened = TestAccounts.openCase(email, language);
        String caseToken = (String) opened.get("caseToken");
        String ticketRef = (String) opened.get("ticketRef");
        String caseId = QuarkusTransaction.requiringNew().call(() -> RecoveryCase.<RecoveryCase>find("ticketRef", ticketRef).firstResult().id);
        List<List<String>> required = Eventually.find("evidence requested for " + ticketRef, Eventually.DEFAULT, () -> {
            List<List<String>> anyOf = given().auth().oauth2(caseToken).get("/api/v1/my-case").then().statusCode(200).extract()
                    .path("requiredEvidence.anyOf");
            return anyOf == null || anyOf.isEmpty() ? Optional.empty() : Optional.of(anyOf);
        });
        for (List<String> requirement : required) {
            String kind = requirement.get(requirement.size() - 1);
            byte[] content = switch (kind) {
                case "SECOND_DOCUMENT" -> EvidenceSamples.pdf();
                case "VIDEO" -> EvidenceSamples.mp4();
                case "SELFIE_WITH_NOTE" -> EvidenceSamples.jpeg(480, 640);
                default -> EvidenceSamples.png(640, 400);
            };
            given().auth().oauth2(caseToken).multiPart("kind", kind).multiPart("file", "f", content, "application/octet-stream")
                    .post("/api/v1/my-case/evidence").then().statusCode(201);
        }
        given().auth().oauth2(caseToken).post("/api/v1/my-case/submission").then().statusCode(202);
        Eventually.await("review opened for " + ticketRef, () -> QuarkusTransaction.requiringNew().call(() ->
                ReviewTask.count("caseId = ?1 and queue = ?2 and completedAt is null", caseId, TaskQueue.REVIEW) > 0));

        // the desk's own way: agent1 claims and approves with the full checklist, supervisor1 gives the second approval
        String agent = TestTokens.forRole("agent");
        String reviewTask = ReviewFixtures.openTask(caseId, TaskQueue.REVIEW);
        given().auth().oauth2(agent).post("/api/v1/review/tasks/" + reviewTask + "/claim").then().statusCode(200);
        given().auth().oauth2(agent).contentType("application/json")
                .body(Map.of("decision", "APPROVE", "checklist", ReviewFixtures.FULL_CHECKLIST, "note", "All consistent."))
                .post("/api/v1/cases/" + caseId + "/review-decision").then().statusCode(200);
        ReviewFixtures.openTask(caseId, TaskQueue.APPROVAL);
        beforeSecondApproval.run();
        given().auth().oauth2(TestTokens.forRole("supervisor")).contentType("application/json")
                .body(Map.of("decision", "APPROVE", "note", "Second approval."))
                .post("/api/v1/cases/" + caseId + "/approval-decision").then().statusCode(200);
        return new ApprovedCase(caseId, ticketRef, caseToken);
    }
}
