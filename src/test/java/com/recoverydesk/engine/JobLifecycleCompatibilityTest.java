package com.recoverydesk.engine;

import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DESIGN.md §5: at-least-once delivery, late completion, retries with back-off, incidents. */
class JobLifecycleCompatibilityTest extends EngineTestSupport {

    private String type;

    private long startOneTaskProcess(int retries) {
        String processId = unique("jobs");
        type = unique("work");
        deploy(Bpmn.createExecutableProcess(processId).startEvent()
                .serviceTask("Task_Work", task -> task.zeebeJobType(type).zeebeJobRetries(String.valueOf(retries)))
                .endEvent().done());
        return start(processId, Map.of()).getProcessInstanceKey();
    }

    private List<ActivatedJob> activate(Duration jobTimeout, Duration requestTimeout) {
        return client.newActivateJobsCommand().jobType(type).maxJobsToActivate(10).timeout(jobTimeout)
                .requestTimeout(requestTimeout).send().join().getJobs();
    }

    @Test
    void shouldRedeliverTimedOutJobWithSameRetriesAndRejectLateCompletionAsNotFound() {
        long instance = startOneTaskProcess(3);
        ActivatedJob first = activate(Duration.ofMillis(300), Duration.ofSeconds(2)).get(0);
        assertTrue(activate(Duration.ofSeconds(10), Duration.ofMillis(-1)).isEmpty(), "an activated job is not handed out twice before its timeout");

        ActivatedJob second = activate(Duration.ofSeconds(10), Duration.ofSeconds(3)).get(0);

        assertEquals(first.getKey(), second.getKey());
        assertEquals(3, second.getRetries(), "a timeout does not cost a retry");
        client.newCompleteCommand(second.getKey()).send().join();
        ClientStatusException late = assertThrows(ClientStatusException.class, () -> client.newCompleteCommand(first.getKey()).send().join());
        assertEquals(Status.Code.NOT_FOUND, late.getStatusCode());
        awaitCompleted(instance);
    }

    @Test
    void shouldMakeFailedJobActivatableAgainOnlyAfterItsBackoff() {
        long instance = startOneTaskProcess(3);
        ActivatedJob job = activate(Duration.ofSeconds(10), Duration.ofSeconds(2)).get(0);
        long failedAt = System.currentTimeMillis();

        client.newFailCommand(job.getKey()).retries(2).retryBackoff(Duration.ofMillis(500)).errorMessage("mail server down").send().join();

        assertTrue(activate(Duration.ofSeconds(10), Duration.ofMillis(-1)).isEmpty(), "no activation during the back-off");
        ActivatedJob again = activate(Duration.ofSeconds(10), Duration.ofSeconds(3)).get(0);
        assertTrue(System.currentTimeMillis() - failedAt >= 500, "activated only after the back-off");
        assertEquals(2, again.getRetries());
        client.newCompleteCommand(again.getKey()).send().join();
        awaitCompleted(instance);
    }

    @Test
    void shouldRaiseIncidentAtZeroRetriesAndContinueAfterRetriesUpdatedAndIncidentResolved() {
        long instance = startOneTaskProcess(1);
        ActivatedJob job = activate(Duration.ofSeconds(10), Duration.ofSeconds(2)).get(0);

        client.newFailCommand(job.getKey()).retries(0).errorMessage("directory unreachable").send().join();

        List<Long> incidents = incidents(instance);
        assertEquals(1, incidents.size());
        assertEquals("JOB_NO_RETRIES: directory unreachable", incidentMessage(incidents.get(0)));
        EngineOverview.IncidentView shown = engine.overview().openIncidents(1000).stream()
                .filter(incident -> incident.key() == incidents.get(0)).findFirst().orElseThrow();
        assertEquals(instance, shown.processInstanceKey());
        assertEquals(job.getKey(), shown.jobKey());
        assertEquals(0, shown.jobRetries());
        assertEquals(shown, engine.overview().openIncident(incidents.get(0)).orElseThrow());
        assertTrue(engine.overview().activeInstances(1000).stream()
                .anyMatch(view -> view.key() == instance && view.waitingAt().equals(java.util.List.of("Task_Work"))));
        assertTrue(activate(Duration.ofSeconds(10), Duration.ofMillis(-1)).isEmpty(), "a job with an incident is not activatable");
        ClientStatusException tooEarly = assertThrows(ClientStatusException.class,
                () -> client.newResolveIncidentCommand(incidents.get(0)).send().join());
        assertEquals(Status.Code.FAILED_PRECONDITION, tooEarly.getStatusCode());

        client.newUpdateRetriesCommand(job.getKey()).retries(2).send().join();
        client.newResolveIncidentCommand(incidents.get(0)).send().join();

        ActivatedJob again = activate(Duration.ofSeconds(10), Duration.ofSeconds(2)).get(0);
        assertEquals(2, again.getRetries());
        assertTrue(incidents(instance).isEmpty());
        assertTrue(engine.overview().openIncident(incidents.get(0)).isEmpty(), "a resolved incident is not open");
        client.newCompleteCommand(again.getKey()).send().join();
        awaitCompleted(instance);
    }

    @Test
    void shouldExtendDeadlineWithUpdateJobTimeout() throws InterruptedException {
        long instance = startOneTaskProcess(3);
        ActivatedJob job = activate(Duration.ofMillis(300), Duration.ofSeconds(2)).get(0);

        client.newUpdateTimeoutCommand(job.getKey()).timeout(Duration.ofSeconds(30)).send().join();
        Thread.sleep(600);

        assertTrue(activate(Duration.ofSeconds(10), Duration.ofMillis(-1)).isEmpty(), "the extended job is still held by its worker");
        client.newCompleteCommand(job.getKey()).send().join();
        awaitCompleted(instance);
    }

    @Test
    void shouldRejectInvalidRetriesAndUnknownIncident() {
        long instance = startOneTaskProcess(3);
        ActivatedJob job = activate(Duration.ofSeconds(10), Duration.ofSeconds(2)).get(0);
        ClientStatusException invalid = assertThrows(ClientStatusException.class,
                () -> client.newUpdateRetriesCommand(job.getKey()).retries(0).send().join());
        assertEquals(Status.Code.INVALID_ARGUMENT, invalid.getStatusCode());
        ClientStatusException unknown = assertThrows(ClientStatusException.class,
                () -> client.newResolveIncidentCommand(42L).send().join());
        assertEquals(Status.Code.NOT_FOUND, unknown.getStatusCode());
        client.newCompleteCommand(job.getKey()).send().join();
        awaitCompleted(instance);
    }
}
