package com.recoverydesk.review;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.audit.AuditEvent;
import com.recoverydesk.process.OutboxCommand;
import com.recoverydesk.process.RecoveryProcess;
import com.recoverydesk.support.Eventually;
import com.recoverydesk.support.ReviewFixtures;
import com.recoverydesk.support.ReviewFixtures.CaseInReview;
import com.recoverydesk.support.TestAccounts;
import com.recoverydesk.support.TestTokens;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The review workbench's API on PostgreSQL and the embedded engine: claiming, the case file, the
 * evidence viewer, the decisions, four eyes on identity, and what the audit trail keeps of it all.
 */
@QuarkusTest
class ReviewWorkbenchApiTest {

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    @Inject
    CamundaClient client;

    @Test
    void shouldTakeACaseFromReviewThroughTheSecondApprovalToTheAnnouncement() throws Exception {
        CaseInReview c = ReviewFixtures.submitted();
        ReviewFixtures.giveKyc(c.email(), LocalDate.of(1990, 5, 17), "4321", "DE");
        String taskId = ReviewFixtures.openTask(c.caseId(), TaskQueue.REVIEW);

        given().auth().oauth2(token("agent1")).queryParam("queue", "review").queryParam("show", "unassigned").get("/api/v1/review/tasks")
                .then().statusCode(200).body("taskId", hasItem(taskId));
        given().auth().oauth2(token("agent1")).post("/api/v1/review/tasks/" + taskId + "/claim")
                .then().statusCode(200).body("assignee", equalTo("agent1")).body("caseId", equalTo(c.caseId()));
        given().auth().oauth2(token("agent2")).post("/api/v1/review/tasks/" + taskId + "/claim").then().statusCode(409);
        given().auth().oauth2(token("agent1")).queryParam("show", "mine").get("/api/v1/review/tasks")
                .then().statusCode(200).body("taskId", hasItem(taskId));

        // the case file, with the KYC data on file beside the evidence
        Response file = given().auth().oauth2(token("agent1")).get("/api/v1/cases/" + c.caseId());
        file.then().statusCode(200)
                .body("caseId", equalTo(c.caseId())).body("ticketRef", equalTo(c.ticketRef())).body("status", equalTo("IN_REVIEW"))
                .body("riskLevel", equalTo("LOW")).body("description", equalTo("I lost my phone with the authenticator app."))
                .body("riskReasons", hasItem("standard balance"))
                .body("evidence", hasSize(2)).body("evidence.kind", hasItem("SELFIE_WITH_NOTE"))
                .body("evidence[0].checks", not(org.hamcrest.Matchers.empty()))
                .body("kyc.name", equalTo("Test Customer")).body("kyc.dateOfBirth", equalTo("1990-05-17"))
                .body("kyc.documentNumberLastDigits", equalTo("4321")).body("kyc.country", equalTo("DE"))
                .body("history.action", hasItem("evidence.submitted")).body("reviewTask.assignee", equalTo("agent1"));
        List<Map<String, Object>> evidence = file.path("evidence");

        // every file through the viewer: the bytes uploaded, never cached or sniffed, each view audited
        for (Map<String, Object> item : evidence) {
            Response content = given().auth().oauth2(token("agent1"))
                    .get("/api/v1/cases/" + c.caseId() + "/evidence/" + item.get("evidenceId") + "/content");
            content.then().statusCode(200).header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", org.hamcrest.Matchers.startsWith("default-src 'none'"))
                    .header("Content-Type", equalTo(item.get("contentType")))
                    .header("Content-Disposition", org.hamcrest.Matchers.matchesPattern("inline; filename=\"[a-z-]+\\.(png|jpg)\""));
            byte[] bytes = content.asByteArray();
            // photos are served as re-encoded at upload (nothing appended, no metadata): the same picture, not the same bytes
            java.awt.image.BufferedImage uploaded = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(c.files().get((String) item.get("kind"))));
            java.awt.image.BufferedImage served = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes));
            assertEquals(uploaded.getWidth() + "x" + uploaded.getHeight(), served.getWidth() + "x" + served.getHeight());
            assertEquals(item.get("sha256"), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        }
        for (String role : List.of("manager", "compliance")) {
            given().auth().oauth2(TestTokens.forRole(role)).get("/api/v1/cases/" + c.caseId() + "/evidence/" + evidence.get(0).get("evidenceId") + "/content")
                    .then().statusCode(403);
            given().auth().oauth2(TestTokens.forRole(role)).contentType("application/json").body(approve()).post("/api/v1/cases/" + c.caseId() + "/review-decision")
                    .then().statusCode(403);
            given().auth().oauth2(TestTokens.forRole(role)).post("/api/v1/review/tasks/" + taskId + "/claim").then().statusCode(403);
        }

        // only the assignee decides; the checklist must be complete to approve
        given().auth().oauth2(token("agent2")).contentType("application/json").body(approve())
                .post("/api/v1/cases/" + c.caseId() + "/review-decision").then().statusCode(403);
        Map<String, Object> unticked = new LinkedHashMap<>(approve());
        Map<String, Boolean> checklist = new LinkedHashMap<>(ReviewFixtures.FULL_CHECKLIST);
        checklist.put("noSignOfEditing", false);
        unticked.put("checklist", checklist);
        given().auth().oauth2(token("agent1")).contentType("application/json").body(unticked)
                .post("/api/v1/cases/" + c.caseId() + "/review-decision").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("noSignOfEditing"));
        assertEquals("IN_REVIEW", ReviewFixtures.status(c.caseId()));

        // a double submit decides once
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(token("agent1")).contentType("application/json").body(approve())
                    .post("/api/v1/cases/" + c.caseId() + "/review-decision").then().statusCode(200)
                    .body("decision", equalTo("APPROVE")).body("decidedBy", equalTo("agent1")).body("status", equalTo("AWAITING_APPROVAL"));
        }
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> ReviewDecision.count("caseId", c.caseId())));
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> OutboxCommand.count("caseId = ?1 and messageName = ?2",
                c.caseId(), RecoveryProcess.Messages.REVIEW_DECIDED)));

        // the approval queue: the reviewing agent is refused, a supervisor who did not review approves
        String approvalTask = ReviewFixtures.openTask(c.caseId(), TaskQueue.APPROVAL);
        given().auth().oauth2(token("supervisor1")).queryParam("queue", "approval").get("/api/v1/review/tasks")
                .then().statusCode(200).body("taskId", hasItem(approvalTask));
        given().auth().oauth2(token("agent1")).contentType("application/json").body(Map.of("decision", "APPROVE", "note", "fine"))
                .post("/api/v1/cases/" + c.caseId() + "/approval-decision").then().statusCode(403);
        given().auth().oauth2(token("agent1")).queryParam("queue", "approval").get("/api/v1/review/tasks").then().statusCode(403);
        given().auth().oauth2(token("supervisor1")).contentType("application/json").body(Map.of("decision", "DENY"))
                .post("/api/v1/cases/" + c.caseId() + "/approval-decision").then().statusCode(400);
        given().auth().oauth2(token("supervisor1")).contentType("application/json").body(Map.of("decision", "APPROVE", "note", "Documents consistent."))
                .post("/api/v1/cases/" + c.caseId() + "/approval-decision").then().statusCode(200)
                .body("decision", equalTo("APPROVE")).body("decidedBy", equalTo("supervisor1"));
        given().auth().oauth2(token("supervisor1")).contentType("application/json").body(Map.of("decision", "APPROVE"))
                .post("/api/v1/cases/" + c.caseId() + "/approval-decision").then().statusCode(200);
        given().auth().oauth2(token("supervisor2")).contentType("application/json").body(Map.of("decision", "DENY", "note", "late"))
                .post("/api/v1/cases/" + c.caseId() + "/approval-decision").then().statusCode(409);

        // the process went on to the announcement of the reset: the case is in its cooling-off
        Eventually.await("the case in its cooling-off", () -> "COOLING_OFF".equals(ReviewFixtures.status(c.caseId())));
        given().auth().oauth2(token("supervisor1")).queryParam("queue", "approval").get("/api/v1/review/tasks")
                .then().body("taskId", not(hasItem(approvalTask)));

        // the trail names every view, decision and refused attempt with its actor
        List<String> trail = auditOf(c.caseId());
        assertEquals(2, trail.stream().filter("agent1 evidence.viewed"::equals).count(), trail.toString());
        assertTrue(trail.contains("agent1 task.claimed"), trail.toString());
        assertTrue(trail.contains("agent2 case.action-refused"), trail.toString());
        assertEquals(1, trail.stream().filter("agent1 review.decided"::equals).count(), trail.toString());
        assertEquals(1, trail.stream().filter("supervisor1 approval.decided"::equals).count(), trail.toString());
    }

    @Test
    void shouldRefuseTheSecondApprovalToASupervisorWhoReviewedTheCase() {
        CaseInReview c = ReviewFixtures.submitted();
        String reviewTask = ReviewFixtures.openTask(c.caseId(), TaskQueue.REVIEW);
        // a supervisor acting as reviewer on a small desk
        given().auth().oauth2(token("supervisor1")).post("/api/v1/review/tasks/" + reviewTask + "/claim").then().statusCode(200);
        given().auth().oauth2(token("supervisor1")).contentType("application/json").body(approve())
                .post("/api/v1/cases/" + c.caseId() + "/review-decision").then().statusCode(200);
        String approvalTask = ReviewFixtures.openTask(c.caseId(), TaskQueue.APPROVAL);

        given().auth().oauth2(token("supervisor1")).post("/api/v1/review/tasks/" + approvalTask + "/claim").then().statusCode(403);
        given().auth().oauth2(token("supervisor1")).contentType("application/json").body(Map.of("decision", "APPROVE", "note", "mine"))
                .post("/api/v1/cases/" + c.caseId() + "/approval-decision").then().statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("four eyes"));
        given().auth().oauth2(token("supervisor1")).contentType("application/json").body(Map.of("assignee", "supervisor1"))
                .post("/api/v1/review/tasks/" + approvalTask + "/assignment").then().statusCode(400);
        assertEquals("AWAITING_APPROVAL", ReviewFixtures.status(c.caseId()));

        given().auth().oauth2(token("supervisor2")).contentType("application/json").body(Map.of("decision", "DENY", "note", "Selfie unconvincing."))
                .post("/api/v1/cases/" + c.caseId() + "/approval-decision").then().statusCode(200);
        Eventually.await("the case closed as rejected", () -> "REJECTED".equals(ReviewFixtures.status(c.caseId())));
        TestAccounts.newestMailTextMatching(c.email(), "second check", Duration.ofSeconds(10));

        List<String> trail = auditOf(c.caseId());
        assertEquals(2, trail.stream().filter("supervisor1 case.action-refused"::equals).count(), trail.toString());
        assertTrue(trail.contains("supervisor1 review.decided") && trail.contains("supervisor2 approval.decided"), trail.toString());
    }

    @Test
    void shouldRefuseStaffEveryActionOnTheCaseOfTheirOwnAccount() {
        String email = TestAccounts.create();
        String own = ReviewFixtures.staffMember(Optional.of(email.toUpperCase()), "agent", "supervisor");
        CaseInReview c = ReviewFixtures.submitted(email, "Lost my phone.");
        String taskId = ReviewFixtures.openTask(c.caseId(), TaskQueue.REVIEW);
        String ownToken = token(own);

        given().auth().oauth2(ownToken).get("/api/v1/cases/" + c.caseId()).then().statusCode(403);
        given().auth().oauth2(ownToken).post("/api/v1/review/tasks/" + taskId + "/claim").then().statusCode(403);
        String evidenceId = given().auth().oauth2(token("agent2")).get("/api/v1/cases/" + c.caseId()).then().statusCode(200).extract().path("evidence[0].evidenceId");
        given().auth().oauth2(ownToken).get("/api/v1/cases/" + c.caseId() + "/evidence/" + evidenceId + "/content").then().statusCode(403);
        given().auth().oauth2(ownToken).contentType("application/json").body(approve())
                .post("/api/v1/cases/" + c.caseId() + "/review-decision").then().statusCode(403);
        given().auth().oauth2(token("supervisor1")).contentType("application/json").body(Map.of("assignee", own))
                .post("/api/v1/review/tasks/" + taskId + "/assignment").then().statusCode(400);

        // someone else reviews; the approval is refused to the account's owner as well
        given().auth().oauth2(token("agent2")).post("/api/v1/review/tasks/" + taskId + "/claim").then().statusCode(200);
        given().auth().oauth2(token("agent2")).contentType("application/json").body(approve())
                .post("/api/v1/cases/" + c.caseId() + "/review-decision").then().statusCode(200);
        ReviewFixtures.openTask(c.caseId(), TaskQueue.APPROVAL);
        given().auth().oauth2(ownToken).contentType("application/json").body(Map.of("decision", "APPROVE", "note", "ok"))
                .post("/api/v1/cases/" + c.caseId() + "/approval-decision").then().statusCode(403);

        List<String> trail = auditOf(c.caseId());
        assertEquals(5, trail.stream().filter((own + " case.action-refused")::equals).count(), trail.toString());
        assertTrue(trail.stream().noneMatch((own + " evidence.viewed")::equals), trail.toString());
    }

    @Test
    void shouldAllowThreeRoundsOfQuestionsAndThenOnlyApprovalOrRejection() {
        CaseInReview c = ReviewFixtures.submitted();
        for (int round = 0; round < 3; round++) {
            String taskId = ReviewFixtures.openTask(c.caseId(), TaskQueue.REVIEW);
            given().auth().oauth2(token("agent1")).post("/api/v1/review/tasks/" + taskId + "/claim").then().statusCode(200);
            given().auth().oauth2(token("agent1")).contentType("application/json")
                    .body(Map.of("decision", "REQUEST_MORE_INFO", "message", "Please retake the selfie, round " + (round + 1) + "."))
                    .post("/api/v1/cases/" + c.caseId() + "/review-decision").then().statusCode(200);
            Eventually.await("back to the requester", () -> "AWAITING_EVIDENCE".equals(ReviewFixtures.status(c.caseId())));
            ReviewFixtures.upload(c.caseToken(), "SELFIE_WITH_NOTE", com.recoverydesk.support.EvidenceSamples.jpeg(480 + round + 1, 640));
            given().auth().oauth2(c.caseToken()).post("/api/v1/my-case/submission").then().statusCode(202);
            int expectedRound = round + 1;
            Eventually.await("review round " + expectedRound, () -> QuarkusTransaction.requiringNew().call(() ->
                    ReviewTask.count("caseId = ?1 and queue = ?2 and round = ?3 and completedAt is null", c.caseId(), TaskQueue.REVIEW, expectedRound) == 1));
        }
        String taskId = ReviewFixtures.openTask(c.caseId(), TaskQueue.REVIEW);
        given().auth().oauth2(token("agent1")).post("/api/v1/review/tasks/" + taskId + "/claim").then().statusCode(200);
        given().auth().oauth2(token("agent1")).contentType("application/json").body(Map.of("decision", "REQUEST_MORE_INFO", "message", "Once more?"))
                .post("/api/v1/cases/" + c.caseId() + "/review-decision").then().statusCode(409);
        given().auth().oauth2(token("agent1")).contentType("application/json").body(Map.of("decision", "REJECT"))
                .post("/api/v1/cases/" + c.caseId() + "/review-decision").then().statusCode(400);
        given().auth().oauth2(token("agent1")).contentType("application/json").body(Map.of("decision", "REJECT", "reasonCode", "SELFIE_MISMATCH"))
                .post("/api/v1/cases/" + c.caseId() + "/review-decision").then().statusCode(200);
        Eventually.await("the case closed as rejected", () -> "REJECTED".equals(ReviewFixtures.status(c.caseId())));
        TestAccounts.newestMailTextMatching(c.email(), "the selfie did not let us confirm", Duration.ofSeconds(10));
        given().auth().oauth2(token("agent1")).get("/api/v1/cases/" + c.caseId()).then().statusCode(200)
                .body("evidence.round", hasItem(3)).body("decisions", hasSize(4)).body("moreInfoRoundsLeft", equalTo(0));
    }

    private static Map<String, Object> approve() {
        return Map.of("decision", "APPROVE", "checklist", ReviewFixtures.FULL_CHECKLIST, "note", "All consistent.");
    }

    private static String token(String username) {
        return TOKENS.computeIfAbsent(username, TestTokens::signIn);
    }

    /** The case's audit entries as "actor action", oldest first. */
    private static List<String> auditOf(String caseId) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEvent.<AuditEvent>list("caseId = ?1 order by seq", caseId).stream()
                .map(e -> e.actor + " " + e.action).toList());
    }
}
