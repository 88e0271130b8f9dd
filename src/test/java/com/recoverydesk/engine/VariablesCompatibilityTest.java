package com.recoverydesk.engine;

import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Input and output mappings, propagation of completion variables, SetVariables. */
class VariablesCompatibilityTest extends EngineTestSupport {

    @Test
    void shouldMapInputsIntoTaskAndOnlyMappedOutputsBackToProcess() {
        String processId = unique("mappings");
        String assess = unique("assess");
        String check = unique("check");
        deploy(Bpmn.createExecutableProcess(processId).startEvent()
                .serviceTask("Task_Assess", task -> task.zeebeJobType(assess)
                        .zeebeInputExpression("account.ageDays", "ageDays")
                        .zeebeOutputExpression("assessment.level", "riskLevel")
                        .zeebeOutputExpression("assessment.score * 2", "sla.hours"))
                .serviceTask("Task_Check", task -> task.zeebeJobType(check))
                .endEvent().done());
        List<ActivatedJob> assessJobs = new CopyOnWriteArrayList<>();
        List<ActivatedJob> checkJobs = new CopyOnWriteArrayList<>();
        worker(assess, (jobClient, job) -> {
            assessJobs.add(job);
            jobClient.newCompleteCommand(job.getKey())
                    .variables(Map.of("assessment", Map.of("level", "HIGH", "score", 36), "scratch", "not for the process")).send().join();
        });
        worker(check, (jobClient, job) -> {
            checkJobs.add(job);
            jobClient.newCompleteCommand(job.getKey()).send().join();
        });

        long instance = start(processId, Map.of("account", Map.of("ageDays", 12), "sla", Map.of("warnHours", 4))).getProcessInstanceKey();

        awaitCompleted(instance);
        assertEquals(12, assessJobs.get(0).getVariablesAsMap().get("ageDays"));
        Map<String, Object> seenLater = checkJobs.get(0).getVariablesAsMap();
        assertEquals("HIGH", seenLater.get("riskLevel"));
        assertEquals(Map.of("warnHours", 4, "hours", 72), seenLater.get("sla"), "a nested target merges into the existing object");
        assertFalse(seenLater.containsKey("scratch"), "with output mappings, unmapped job variables stay in the task");
        assertFalse(seenLater.containsKey("assessment"));
        assertFalse(seenLater.containsKey("ageDays"), "input mappings are local to their task");
    }

    @Test
    void shouldSetVariablesOnInstanceAndOnlyFetchRequestedOnes() {
        String processId = unique("setvars");
        String type = unique("work");
        deploy(Bpmn.createExecutableProcess(processId).startEvent()
                .serviceTask("Task_Work", task -> task.zeebeJobType(type)).endEvent().done());
        long instance = start(processId, Map.of("a", 1)).getProcessInstanceKey();

        client.newSetVariablesCommand(instance).variables(Map.of("b", "two")).send().join();

        ActivatedJob job = client.newActivateJobsCommand().jobType(type).maxJobsToActivate(1).fetchVariables("b")
                .requestTimeout(Duration.ofSeconds(2)).send().join().getJobs().get(0);
        assertEquals(Map.of("b", "two"), job.getVariablesAsMap());
        ClientStatusException notJson = assertThrows(ClientStatusException.class,
                () -> client.newSetVariablesCommand(instance).variables("[1, 2]").send().join());
        assertEquals(Status.Code.INVALID_ARGUMENT, notJson.getStatusCode());
        client.newCompleteCommand(job.getKey()).send().join();
        awaitCompleted(instance);
    }

    @Test
    void shouldCancelInstanceAndAnswerNotFoundAfterwards() {
        String processId = unique("cancel");
        String type = unique("work");
        deploy(Bpmn.createExecutableProcess(processId).startEvent()
                .serviceTask("Task_Work", task -> task.zeebeJobType(type)).endEvent().done());
        long instance = start(processId, Map.of()).getProcessInstanceKey();

        client.newCancelInstanceCommand(instance).send().join();

        assertEquals("CANCELED", instanceState(instance));
        ClientStatusException again = assertThrows(ClientStatusException.class, () -> client.newCancelInstanceCommand(instance).send().join());
        assertEquals(Status.Code.NOT_FOUND, again.getStatusCode());
    }
}
