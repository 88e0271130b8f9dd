package com.recoverydesk.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.process.RecoveryProcess;
import com.recoverydesk.process.RecoveryProcess.JobTypes;
import com.recoverydesk.support.Eventually;
import com.recoverydesk.support.TestAccounts;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.impl.CamundaObjectMapper;
import io.camunda.client.impl.response.ActivatedJobImpl;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Every worker type, its job delivered twice more (as after a job timeout: the first answer was lost and
 * the engine hands the job out again), through the same handler path as the engine's deliveries: each
 * side effect (mail, case message, queue entry, audit entry) happens once.
 */
@QuarkusTest
class DuplicateJobDeliveryTest {

    private static final CamundaObjectMapper JSON = new CamundaObjectMapper();
    /** Job keys no engine handed out: answering them is NOT_FOUND, which the handler takes as done. */
    private static final AtomicLong JOB_KEYS = new AtomicLong(8_000_000_000_000L);

    @Inject
    ProcessWorkers workers;

    @Inject
    IntakeWorker intake;

    @Inject
    ReviewWorker review;

    @Inject
    ClosureWorker closure;

    @Inject
    CamundaClient client;

    @Inject
    DataSource dataSource;

    @Test
    void shouldDoEachWorkersSideEffectOnceWhenItsJobIsDeliveredAgain() throws SQLException {
        String email = TestAccounts.create();
        String ticketRef = (String) TestAccounts.openCase(email).get("ticketRef");
        TestAccounts.newestMailTextMatching(email, "please upload", Duration.ofSeconds(20));
        RecoveryCase opened = Eventually.find("the case's process instance", Duration.ofSeconds(20),
                () -> Optional.ofNullable(caseOf(ticketRef)).filter(c -> c.processInstanceKey != null));
        String caseId = opened.id;
        long instanceKey = opened.processInstanceKey;
        Map<String, Object> variables = Map.of(RecoveryProcess.Variables.CASE_ID, caseId);

        twice(instanceKey, JobTypes.ASSESS_RISK, variables, Map.of(), intake::assessRisk);
        twice(instanceKey, JobTypes.REQUEST_EVIDENCE, variables, Map.of(), intake::requestEvidence);
        twice(instanceKey, JobTypes.SEND_REMINDER, variables, Map.of(), intake::sendReminder);
        twice(instanceKey, JobTypes.OPEN_REVIEW, variables, Map.of(), review::openReview);
        twice(instanceKey, JobTypes.REQUEST_MORE_INFO, Map.of(RecoveryProcess.Variables.CASE_ID, caseId,
                ReviewWorker.REVIEW_MESSAGE, "Could you send a sharper photo?", ReviewWorker.REVIEW_ROUND, 0), Map.of(), review::requestMoreInfo);
        twice(instanceKey, JobTypes.NOTIFY_REJECTION, variables, Map.of(), closure::notifyRejection);
        twice(instanceKey, JobTypes.CLOSE_CASE, variables, Map.of(RecoveryProcess.Headers.OUTCOME, "EXPIRED"), closure::closeCase);

        assertEquals(1, auditEntries(caseId, "case.risk-assessed"), "risk assessed once");
        assertEquals(1, auditEntries(caseId, "case.evidence-requested"), "evidence requested once");
        assertEquals(1, auditEntries(caseId, "case.evidence-reminder-sent"), "one reminder");
        assertEquals(1, auditEntries(caseId, "case.review-opened"), "review opened once");
        assertEquals(1, count("select count(*) from review_task where case_id = ? and round = 0", caseId), "one queue entry");
        assertEquals(1, auditEntries(caseId, "case.more-info-requested"), "one question sent");
        assertEquals(1, auditEntries(caseId, "case.rejection-notified"), "one rejection notice");
        assertEquals(1, auditEntries(caseId, "case.closed"), "closed once");
        assertEquals(3, count("select count(*) from case_message where case_id = ?", caseId), "evidence request, question, rejection: one message each");
        Eventually.await("every mail delivered", () -> mailsTo(email).size() >= 6);
        assertEquals(List.of(1L, 1L, 1L, 1L, 1L, 1L), List.of(mailsWith(email, "please upload"), mailsWith(email, "still waiting for documents"),
                mailsWith(email, "sharper photo"), mailsWith(email, "could not approve"), mailsWith(email, "did not arrive in time"),
                (long) mailsTo(email).stream().filter(s -> s.startsWith("Your Recovery Desk code")).count()),
                "each mail once: " + mailsTo(email));
    }

    private void twice(long instanceKey, String type, Map<String, Object> variables, Map<String, String> headers, ProcessWorkers.JobMethod method) {
        for (int delivery = 0; delivery < 2; delivery++) {
            workers.handle(client, job(instanceKey, type, variables, headers), method);
        }
    }

    private static ActivatedJob job(long instanceKey, String type, Map<String, Object> variables, Map<String, String> headers) {
        return new ActivatedJobImpl(JSON, GatewayOuterClass.ActivatedJob.newBuilder()
                .setKey(JOB_KEYS.incrementAndGet()).setType(type).setProcessInstanceKey(instanceKey)
                .setBpmnProcessId(RecoveryProcess.PROCESS_ID).setElementId("Task_" + type).setRetries(3)
                .setWorker("duplicate-delivery-test").setDeadline(System.currentTimeMillis() + 60_000)
                .setVariables(JSON.toJson(variables)).setCustomHeaders(JSON.toJson(headers))
                .build());
    }

    private long auditEntries(String caseId, String action) throws SQLException {
        return count("select count(*) from audit_event where case_id = ? and action = '" + action + "'", caseId);
    }

    private long count(String sql, String caseId) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, caseId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<String> mailsTo(String email) {
        return io.restassured.RestAssured.given().queryParam("to", email).get("/api/v1/demo/mailbox")
                .then().statusCode(200).extract().path("subject");
    }

    private static long mailsWith(String email, String phrase) {
        List<String> texts = io.restassured.RestAssured.given().queryParam("to", email).get("/api/v1/demo/mailbox")
                .then().statusCode(200).extract().path("text");
        return texts.stream().filter(text -> text.toLowerCase().contains(phrase.toLowerCase())).count();
    }

    private static RecoveryCase caseOf(String ticketRef) {
        return QuarkusTransaction.requiringNew().call(() -> RecoveryCase.<RecoveryCase>find("ticketRef", ticketRef).firstResult());
    }
}
