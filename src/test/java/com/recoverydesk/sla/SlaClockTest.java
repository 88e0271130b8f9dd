package com.recoverydesk.sla;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.review.ReviewTask;
import com.recoverydesk.review.TaskQueue;
import com.recoverydesk.support.EvidenceSamples;
import com.recoverydesk.support.Eventually;
import com.recoverydesk.support.ReviewFixtures;
import com.recoverydesk.support.TestCases;
import com.recoverydesk.support.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The case's SLA clock: it pauses while the desk waits on the requester, the due times move by the
 * pause, and breaches are recorded when a running target passes (once). Times are given explicitly,
 * a month ahead, so that the scheduled watch (on the wall clock) never sees these cases as late.
 */
@QuarkusTest
class SlaClockTest {

    @Inject
    SlaTracking tracking;

    @Inject
    BreachWatch watch;

    private static final OffsetDateTime T0 = OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).truncatedTo(ChronoUnit.HOURS);

    @Test
    void shouldPauseTheClockWhileWaitingOnTheRequester() {
        String caseId = newCase();
        QuarkusTransaction.requiringNew().run(() -> tracking.resume(caseId, "LOW", T0));
        CaseSla started = sla(caseId);
        assertEquals(T0.plusHours(24).toInstant(), started.firstResponseDueAt.toInstant(), "LOW: first response within 24 h");
        assertEquals(T0.plusHours(72).toInstant(), started.resolutionDueAt.toInstant(), "LOW: resolved within 72 h");

        QuarkusTransaction.requiringNew().run(() -> tracking.pause(caseId, T0.plusHours(10)));
        assertEquals(CaseSla.State.PAUSED, sla(caseId).state);
        // the requester answers a day later: 10 h were spent, the rest is laid from now
        QuarkusTransaction.requiringNew().run(() -> tracking.resume(caseId, "LOW", T0.plusHours(34)));
        CaseSla resumed = sla(caseId);
        assertEquals(CaseSla.State.RUNNING, resumed.state);
        assertEquals(T0.plusHours(48).toInstant(), resumed.firstResponseDueAt.toInstant());
        assertEquals(T0.plusHours(96).toInstant(), resumed.resolutionDueAt.toInstant());
        assertEquals(T0.plusHours(34 + 44).toInstant(), resumed.resolutionWarningAt.toInstant(), "warning at 54 of the 72 h");

        QuarkusTransaction.requiringNew().run(() -> tracking.firstResponse(caseId, T0.plusHours(35)));
        QuarkusTransaction.requiringNew().run(() -> tracking.resolved(caseId, T0.plusHours(40)));
        CaseSla resolved = sla(caseId);
        assertEquals(Duration.ofHours(11).toSeconds(), resolved.firstResponseSeconds, "the day of waiting does not count");
        assertEquals(Duration.ofHours(16).toSeconds(), resolved.resolutionSeconds);
        assertEquals(CaseSla.State.STOPPED, resolved.state);
        assertEquals(List.of(), breaches(caseId));
    }

    @Test
    void shouldRecordABreachWhenItHappensAndOnlyOnce() {
        String caseId = newCase();
        QuarkusTransaction.requiringNew().run(() -> tracking.resume(caseId, "HIGH", T0));
        watch.recordDue(T0.plusHours(3));
        assertEquals(List.of(), breaches(caseId), "HIGH: the first response is due after 4 h");

        watch.recordDue(T0.plusHours(5));
        watch.recordDue(T0.plusHours(6));
        List<SlaBreach> recorded = breachRows(caseId);
        assertEquals(1, recorded.size());
        assertEquals("FIRST_RESPONSE", recorded.get(0).kind);
        assertEquals(T0.plusHours(4).toInstant(), recorded.get(0).dueAt.toInstant(), "breached at its due time");
        assertEquals(T0.plusHours(5).toInstant(), recorded.get(0).recordedAt.toInstant(), "recorded by the first sweep after it");

        // a late first response records nothing more; a paused clock breaches nothing while it waits
        QuarkusTransaction.requiringNew().run(() -> tracking.firstResponse(caseId, T0.plusHours(7)));
        QuarkusTransaction.requiringNew().run(() -> tracking.pause(caseId, T0.plusHours(8)));
        watch.recordDue(T0.plusHours(100));
        assertEquals(List.of("FIRST_RESPONSE"), breaches(caseId));

        // resumed with 8 of its 24 h spent: the resolution is missed after 16 h more, and the late answer records it
        QuarkusTransaction.requiringNew().run(() -> tracking.resume(caseId, "HIGH", T0.plusHours(200)));
        QuarkusTransaction.requiringNew().run(() -> tracking.resolved(caseId, T0.plusHours(217)));
        assertEquals(List.of("FIRST_RESPONSE", "RESOLUTION"), breaches(caseId));
        assertEquals(T0.plusHours(216).toInstant(), breachRows(caseId).get(1).dueAt.toInstant());
    }

    @Test
    void shouldFollowTheCaseThroughAQuestionToTheRequester() {
        ReviewFixtures.CaseInReview c = ReviewFixtures.submitted();
        CaseSla running = sla(c.caseId());
        assertEquals(CaseSla.State.RUNNING, running.state, "the clock starts when the evidence reaches the desk");
        ReviewTask task = QuarkusTransaction.requiringNew().call(() ->
                ReviewTask.<ReviewTask>find("caseId = ?1 and queue = ?2", c.caseId(), TaskQueue.REVIEW).firstResult());
        assertNotNull(task.warningAt, "the warning point is stored with the queue entry");
        assertTrue(task.warningAt.isBefore(task.dueAt));

        String agent = TestTokens.forRole("agent");
        given().auth().oauth2(agent).post("/api/v1/review/tasks/" + task.id + "/claim").then().statusCode(200);
        assertNotNull(sla(c.caseId()).firstResponseAt, "the claim is the first response");
        given().auth().oauth2(agent).contentType("application/json")
                .body(Map.of("decision", "REQUEST_MORE_INFO", "message", "Please retake the selfie in daylight."))
                .post("/api/v1/cases/" + c.caseId() + "/review-decision").then().statusCode(200);
        assertEquals(CaseSla.State.PAUSED, sla(c.caseId()).state, "paused while the requester is asked");

        Eventually.await("back to the requester", () -> "AWAITING_EVIDENCE".equals(ReviewFixtures.status(c.caseId())));
        ReviewFixtures.upload(c.caseToken(), "SELFIE_WITH_NOTE", EvidenceSamples.jpeg(500, 700));
        given().auth().oauth2(c.caseToken()).post("/api/v1/my-case/submission").then().statusCode(202);
        Eventually.await("resumed with the new review round", () -> sla(c.caseId()).state == CaseSla.State.RUNNING);
    }

    private static String newCase() {
        String ticketRef = TestCases.inReview(T0.plusDays(30), "LOW");
        return QuarkusTransaction.requiringNew().call(() -> RecoveryCase.<RecoveryCase>find("ticketRef", ticketRef).firstResult().id);
    }

    private static CaseSla sla(String caseId) {
        return QuarkusTransaction.requiringNew().call(() -> CaseSla.<CaseSla>findById(caseId));
    }

    private static List<SlaBreach> breachRows(String caseId) {
        return QuarkusTransaction.requiringNew().call(() -> SlaBreach.<SlaBreach>list("caseId = ?1 order by dueAt", caseId));
    }

    private static List<String> breaches(String caseId) {
        return breachRows(caseId).stream().map(b -> b.kind).toList();
    }
}
