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
    void shouldRaiseAnIncidentForATimerThatFailsItsTriesAndFireItOnceTheIncidentIsResolved() {
        stopEngine();
        ControlledClock clock = new ControlledClock(java.time.Instant.now());
        engine = EmbeddedEngine.start(EngineSettings.defaults().withPort(0).withClock(clock).withTimerMaxAttempts(3), faults.dataSource());
        client = clientFor(engine.port());
        try {
            String processId = unique("timer-incident");
            deploy(Bpmn.createExecutableProcess(processId).startEvent()
                    .intermediateCatchEvent("Event_CoolingOff").timerWithDuration("PT1M").endEvent().done());
            AtomicLong broken = new AtomicLong(-1);
            faults.fail((sql, params) -> sql.startsWith("SELECT definition_key FROM engine_process_instance") && params.contains(broken.get()),
                    Fault.PERMANENT, Integer.MAX_VALUE);
            broken.set(start(processId, Map.of()).getProcessInstanceKey());

            clock.advance(Duration.ofMinutes(1));
            await("first try failed", Duration.ofSeconds(10), () -> timerAttempts(broken.get()) == 1);
            clock.advance(Duration.ofSeconds(1)); // the back-off after the first failure
            await("second try failed", Duration.ofSeconds(10), () -> timerAttempts(broken.get()) == 2);
            clock.advance(Duration.ofSeconds(2));
            await("incident raised", Duration.ofSeconds(10), () -> incidents(broken.get()).size() == 1);

            long incident = incidents(broken.get()).get(0);
            String text = incidentMessage(incident);
            assertTrue(text.startsWith("TIMER_NO_RETRIES: Timer 'Event_CoolingOff' could not fire after 3 tries"), text);
            assertTrue(text.contains("SQL state") && !text.contains("injected"), "the fault is named by its SQL state only: " + text);
            assertEquals(3, timerAttempts(broken.get()));
            assertEquals(Engine.TIMER_PARKED, queryLong("SELECT MAX(due_at) FROM engine_timer WHERE instance_key = ?", broken.get()),
                    "the timer tries no more until the incident is resolved");
            var listed = engine.overview().openIncidents(1000).stream().filter(i -> i.key() == incident).findFirst().orElseThrow();
            assertEquals("Event_CoolingOff", listed.elementId(), "the operations screen names the timer's element");
            assertEquals(null, listed.jobKey());
            assertEquals("ACTIVE", instanceState(broken.get()));

            faults.clear(); // the database is repaired; the operator retries
            client.newResolveIncidentCommand(incident).send().join();

            awaitCompleted(broken.get());
            assertEquals(List.of(), incidents(broken.get()));
        } finally {
            stopEngine();
            faults.clear();
            startEngineOnFaultyDatabase();
        }
    }

    @Test
    void shouldDeleteTheIncidentOfATimerThatGaveUpWhenItsElementMovesOn() {
        stopEngine();
        ControlledClock clock = new ControlledClock(java.time.Instant.now());
        engine = EmbeddedEngine.start(EngineSettings.defaults().withPort(0).withClock(clock).withTimerMaxAttempts(1), faults.dataSource());
        client = clientFor(engine.port());
        try {
            String processId = unique("timer-incident-moved-on");
            String message = unique("approval-decided");
            deploy(Bpmn.createExecutableProcess(processId).startEvent()
                    .receiveTask("Task_Wait").message(m -> m.name(message).zeebeCorrelationKeyExpression("caseId"))
                    .boundaryEvent("Event_Reminder").cancelActivity(false).timerWithDuration("PT1M").endEvent()
                    .moveToActivity("Task_Wait").endEvent().done());
            AtomicLong broken = new AtomicLong(-1);
            var firing = faults.fail((sql, params) -> sql.startsWith("SELECT definition_key FROM engine_process_instance")
                    && params.contains(broken.get()), Fault.PERMANENT, 1);
            broken.set(start(processId, Map.of("caseId", "case-moved-on")).getProcessInstanceKey());
            clock.advance(Duration.ofMinutes(1));
            await("incident raised at the first failure", Duration.ofSeconds(10), () -> incidents(broken.get()).size() == 1);
            assertEquals(1, firing.fired());

            client.newPublishMessageCommand().messageName(message).correlationKey("case-moved-on").timeToLive(Duration.ZERO).send().join();

            awaitCompleted(broken.get());
            assertEquals(List.of(), incidents(broken.get()), "the timer's incident went with the receive task");
        } finally {
            stopEngine();
            faults.clear();
            startEngineOnFaultyDatabase();
        }
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
