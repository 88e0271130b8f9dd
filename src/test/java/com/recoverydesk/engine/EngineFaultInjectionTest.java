package com.recoverydesk.engine;

import com.recoverydesk.support.FaultyDataSource;
import com.recoverydesk.support.FaultyDataSource.Fault;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine under injected database faults (a statement that fails once, always, or finds its row gone):
 * what it acknowledged still happens, one failing part does not hold up the others, nothing is half applied.
 */
class EngineFaultInjectionTest extends EngineTestHelpers {

    private static FaultyDataSource faults;

    @BeforeAll
    static void startEngineOnFaultyDatabase() {
        faults = new FaultyDataSource(dataSource());
        engine = EmbeddedEngine.start(EngineSettings.defaults().withPort(0), faults.dataSource());
        client = clientFor(engine.port());
    }

    @AfterAll
    static void stopEngine() {
        if (engine != null) engine.close();
        if (client != null) client.close();
        engine = null;
        client = null;
    }

    @AfterEach
    void healDatabase() {
        faults.clear();
    }

    @Test
    void shouldStillCorrelateMessageWhoseFirstCorrelationFailed() {
        String processId = unique("lost-correlation");
        String message = unique("evidence-submitted");
        deploy(Bpmn.createExecutableProcess(processId).startEvent()
                .receiveTask("Task_WaitForEvidence").message(m -> m.name(message).zeebeCorrelationKeyExpression("caseId"))
                .endEvent().done());
        long instance = start(processId, Map.of("caseId", "case-lost")).getProcessInstanceKey();
        await("subscription open", Duration.ofSeconds(5), () -> waitingElements(instance).equals(List.of("Task_WaitForEvidence")));
        var dropped = faults.fail("INSERT INTO engine_message_correlation", Fault.CONNECTION_LOST, 1);

        client.newPublishMessageCommand().messageName(message).correlationKey("case-lost").messageId("submission-1")
                .timeToLive(Duration.ofHours(1)).send().join();

        assertEquals(1, dropped.fired(), "the first correlation failed");
        awaitCompleted(instance);
        ClientStatusException again = assertThrows(ClientStatusException.class, () -> client.newPublishMessageCommand().messageName(message)
                .correlationKey("case-lost").messageId("submission-1").timeToLive(Duration.ofHours(1)).send().join());
        assertEquals(Status.Code.ALREADY_EXISTS, again.getStatusCode(), "publishing stays idempotent per message id");
    }

    @Test
    void shouldCorrelateAtStartWhatAStoppedEngineLeftUncorrelated() {
        String processId = unique("left-uncorrelated");
        String message = unique("evidence-submitted");
        deploy(Bpmn.createExecutableProcess(processId).startEvent()
                .receiveTask("Task_WaitForEvidence").message(m -> m.name(message).zeebeCorrelationKeyExpression("caseId"))
                .endEvent().done());
        long instance = start(processId, Map.of("caseId", "case-left")).getProcessInstanceKey();
        await("subscription open", Duration.ofSeconds(5), () -> waitingElements(instance).equals(List.of("Task_WaitForEvidence")));
        faults.fail("INSERT INTO engine_message_correlation", Fault.CONNECTION_LOST, Integer.MAX_VALUE);
        client.newPublishMessageCommand().messageName(message).correlationKey("case-left").messageId("left-1")
                .timeToLive(Duration.ofHours(1)).send().join();
        stopEngine(); // with the correlation still failing: the retry the old engine planned dies with it
        faults.clear();

        startEngineOnFaultyDatabase();

        awaitCompleted(instance);
    }

    @Test
    void shouldFireOtherTimersWhileOneTimerFailsEveryTime() {
        String processId = unique("timers");
        deploy(Bpmn.createExecutableProcess(processId).startEvent()
                .intermediateCatchEvent("Event_Wait").timerWithDurationExpression("wait").endEvent().done());
        AtomicLong broken = new AtomicLong(-1);
        // the broken instance's timer can never fire: every attempt to take it fails
        faults.fail((sql, params) -> sql.startsWith("SELECT definition_key FROM engine_process_instance") && params.contains(broken.get()),
                Fault.PERMANENT, Integer.MAX_VALUE);
        broken.set(start(processId, Map.of("wait", "PT0.5S")).getProcessInstanceKey());
        List<Long> others = new ArrayList<>();
        for (int i = 0; i < 3; i++) others.add(start(processId, Map.of("wait", "PT1S")).getProcessInstanceKey());

        for (long other : others) awaitCompleted(other);

        assertEquals("ACTIVE", instanceState(broken.get()), "the failing timer has not fired");
        assertTrue(timerAttempts(broken.get()) >= 1, "the failing timer backs off");
    }

    @Test
    void shouldDeleteTimersOfInstancesThatNoLongerRun() throws SQLException {
        long orphan = 900_000_000_000L + System.nanoTime() % 1_000_000;
        try (Connection connection = dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO engine_timer (timer_key, instance_key, owner_key, element_id, due_at) VALUES (?, ?, ?, 'Event_Gone', ?)")) {
            insert.setLong(1, orphan);
            insert.setLong(2, orphan + 1);
            insert.setLong(3, orphan + 2);
            insert.setLong(4, System.currentTimeMillis() - 1000);
            insert.executeUpdate();
        }

        await("orphan timer deleted", Duration.ofSeconds(10), () -> countTimers(orphan) == 0);
    }

    @Test
    void shouldRollBackCompletionWhoseJobAnotherProcessMoved() {
        String processId = unique("moved");
        String type = unique("work");
        deploy(Bpmn.createExecutableProcess(processId).startEvent()
                .serviceTask("Task_Work", task -> task.zeebeJobType(type)).endEvent().done());
        long instance = start(processId, Map.of()).getProcessInstanceKey();
        ActivatedJob job = client.newActivateJobsCommand().jobType(type).maxJobsToActivate(1).requestTimeout(Duration.ofSeconds(2))
                .send().join().getJobs().get(0);
        faults.fail("DELETE FROM engine_job WHERE job_key", Fault.NO_ROW_CHANGED, 1);

        ClientStatusException refused = assertThrows(ClientStatusException.class, () -> client.newCompleteCommand(job.getKey()).send().join());

        assertEquals(Status.Code.FAILED_PRECONDITION, refused.getStatusCode());
        assertEquals(List.of("Task_Work"), waitingElements(instance), "nothing of the completion was applied");
        client.newCompleteCommand(job.getKey()).send().join();
        awaitCompleted(instance);
    }

    @Test
    void shouldAnswerPermanentDatabaseErrorsInvalidArgumentAndTransientOnesUnavailable() {
        String processId = unique("sql-errors");
        deploy(Bpmn.createExecutableProcess(processId).startEvent()
                .intermediateCatchEvent("Event_Wait").timerWithDuration("PT1H").endEvent().done());
        var permanent = faults.fail("INSERT INTO engine_process_instance", Fault.PERMANENT, 1);

        ClientStatusException refused = assertThrows(ClientStatusException.class, () -> start(processId, Map.of()));

        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatusCode(), "a permanent error is not retried");
        assertEquals(1, permanent.fired());
        assertTrue(!refused.getMessage().contains("injected"), "the database's own text stays in the log");

        faults.fail("INSERT INTO engine_process_instance", Fault.CONNECTION_LOST, 1);
        ClientStatusException unavailable = assertThrows(ClientStatusException.class, () -> start(processId, Map.of()));
        assertEquals(Status.Code.UNAVAILABLE, unavailable.getStatusCode(), "a dropped connection is worth a retry");
        long instance = start(processId, Map.of()).getProcessInstanceKey();
        assertEquals("ACTIVE", instanceState(instance), "the retry went through");
    }

    private static long countTimers(long timerKey) {
        return queryLong("SELECT COUNT(*) FROM engine_timer WHERE timer_key = ?", timerKey);
    }

    private static long timerAttempts(long instanceKey) {
        return queryLong("SELECT COALESCE(MAX(attempts), 0) FROM engine_timer WHERE instance_key = ?", instanceKey);
    }

    private static long queryLong(String sql, long key) {
        try (Connection connection = dataSource().getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
