package com.recoverydesk.engine;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DESIGN.md §5: ThrowError is caught by the matching boundary; uncaught it raises an incident. */
class ErrorCompatibilityTest extends EngineTestSupport {

    @Test
    void shouldTakeMatchingErrorBoundaryBeforeCatchAllAndPassErrorVariables() {
        String processId = unique("errors");
        String reset = unique("reset");
        String refused = unique("refused");
        String other = unique("other");
        deploy(Bpmn.createExecutableProcess(processId).startEvent()
                .serviceTask("Task_Reset", task -> task.zeebeJobType(reset))
                .boundaryEvent("Event_NotEligible", boundary -> boundary.error("ACCOUNT_NOT_ELIGIBLE"))
                .serviceTask("Task_Refused", task -> task.zeebeJobType(refused)).endEvent("Event_Refused")
                .moveToActivity("Task_Reset")
                .boundaryEvent("Event_AnyError", boundary -> boundary.error())
                .serviceTask("Task_Other", task -> task.zeebeJobType(other)).endEvent("Event_Other")
                .moveToActivity("Task_Reset").endEvent("Event_Done").done());
        worker(reset, (jobClient, job) -> jobClient.newThrowErrorCommand(job.getKey()).errorCode("ACCOUNT_NOT_ELIGIBLE")
                .errorMessage("closed account").variables(Map.of("refusal", "CLOSED")).send().join());
        List<ActivatedJob> refusals = new CopyOnWriteArrayList<>();
        List<ActivatedJob> others = new CopyOnWriteArrayList<>();
        worker(refused, (jobClient, job) -> {
            refusals.add(job);
            jobClient.newCompleteCommand(job.getKey()).send().join();
        });
        worker(other, (jobClient, job) -> {
            others.add(job);
            jobClient.newCompleteCommand(job.getKey()).send().join();
        });

        long instance = start(processId, Map.of()).getProcessInstanceKey();

        awaitCompleted(instance);
        assertEquals(1, refusals.size());
        assertEquals("CLOSED", refusals.get(0).getVariablesAsMap().get("refusal"));
        assertTrue(others.isEmpty(), "the catch-all boundary yields to the matching one");
    }

    @Test
    void shouldRaiseIncidentForUncaughtErrorAndRetryJobWhenResolved() {
        String processId = unique("uncaught");
        String type = unique("work");
        deploy(Bpmn.createExecutableProcess(processId).startEvent()
                .serviceTask("Task_Work", task -> task.zeebeJobType(type))
                .boundaryEvent("Event_Other", boundary -> boundary.error("SOMETHING_ELSE")).endEvent()
                .moveToActivity("Task_Work").endEvent().done());
        long instance = start(processId, Map.of()).getProcessInstanceKey();
        ActivatedJob job = client.newActivateJobsCommand().jobType(type).maxJobsToActivate(1).requestTimeout(Duration.ofSeconds(2))
                .send().join().getJobs().get(0);

        client.newThrowErrorCommand(job.getKey()).errorCode("ACCOUNT_NOT_ELIGIBLE").send().join();

        List<Long> incidents = incidents(instance);
        assertEquals(1, incidents.size());
        assertTrue(incidentMessage(incidents.get(0)).startsWith("UNHANDLED_ERROR_EVENT"), incidentMessage(incidents.get(0)));
        assertEquals("ACTIVE", instanceState(instance));

        client.newResolveIncidentCommand(incidents.get(0)).send().join();
        ActivatedJob again = client.newActivateJobsCommand().jobType(type).maxJobsToActivate(1).requestTimeout(Duration.ofSeconds(2))
                .send().join().getJobs().get(0);
        client.newCompleteCommand(again.getKey()).send().join();
        awaitCompleted(instance);
    }
}
