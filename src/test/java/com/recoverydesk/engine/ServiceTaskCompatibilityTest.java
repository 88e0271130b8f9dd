package com.recoverydesk.engine;

import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceTaskCompatibilityTest extends EngineTestSupport {

    @Test
    void shouldRunServiceTasksWithHeadersAndHandCompletionVariablesToLaterTasks() {
        String processId = unique("service");
        String assess = unique("assess");
        String notify = unique("notify");
        BpmnModelInstance model = Bpmn.createExecutableProcess(processId).startEvent()
                .serviceTask("Task_Assess", task -> task.zeebeJobType(assess).zeebeTaskHeader("step", "assess"))
                .serviceTask("Task_Notify", task -> task.zeebeJobType(notify))
                .endEvent().done();
        deploy(model);
        List<ActivatedJob> assessed = new CopyOnWriteArrayList<>();
        List<ActivatedJob> notified = new CopyOnWriteArrayList<>();
        worker(assess, (jobClient, job) -> {
            assessed.add(job);
            jobClient.newCompleteCommand(job.getKey()).variables(Map.of("riskLevel", "LOW")).send().join();
        });
        worker(notify, (jobClient, job) -> {
            notified.add(job);
            jobClient.newCompleteCommand(job.getKey()).send().join();
        });

        long instance = start(processId, Map.of("caseId", "c-1")).getProcessInstanceKey();

        awaitCompleted(instance);
        assertEquals(1, assessed.size());
        assertEquals("assess", assessed.get(0).getCustomHeaders().get("step"));
        assertEquals("c-1", assessed.get(0).getVariablesAsMap().get("caseId"));
        assertEquals("Task_Assess", assessed.get(0).getElementId());
        assertEquals(instance, assessed.get(0).getProcessInstanceKey());
        assertEquals(1, notified.size());
        assertEquals(Map.of("caseId", "c-1", "riskLevel", "LOW"), notified.get(0).getVariablesAsMap());
    }

    @Test
    void shouldAnswerNotFoundForUnknownProcessAndJob() {
        ClientStatusException unknownProcess = assertThrows(ClientStatusException.class,
                () -> client.newCreateInstanceCommand().bpmnProcessId(unique("nope")).latestVersion().send().join());
        assertEquals(Status.Code.NOT_FOUND, unknownProcess.getStatusCode());
        ClientStatusException unknownJob = assertThrows(ClientStatusException.class,
                () -> client.newCompleteCommand(123L).send().join());
        assertEquals(Status.Code.NOT_FOUND, unknownJob.getStatusCode());
    }

    @Test
    void shouldActivateNothingWhenNoJobsWithinTheRequestTimeout() {
        var response = client.newActivateJobsCommand().jobType(unique("idle")).maxJobsToActivate(5)
                .requestTimeout(Duration.ofMillis(200)).send().join();
        assertTrue(response.getJobs().isEmpty());
    }

    @Test
    void shouldServeWorkerWithStreamingEnabledThroughPolling() {
        String processId = unique("streaming");
        String type = unique("streamed");
        deploy(Bpmn.createExecutableProcess(processId).startEvent()
                .serviceTask("Task_Streamed", task -> task.zeebeJobType(type)).endEvent().done());
        // a streaming worker (the client also polls beside the stream) must work and close cleanly
        var streamingWorker = client.newWorker().jobType(type)
                .handler((jobClient, job) -> jobClient.newCompleteCommand(job.getKey()).send().join())
                .streamEnabled(true).pollInterval(Duration.ofMillis(50)).open();
        try {
            long instance = start(processId, Map.of()).getProcessInstanceKey();
            awaitCompleted(instance);
        } finally {
            streamingWorker.close();
        }
    }

    @Test
    void shouldReportSingleHealthyPartitionInTopology() {
        var topology = client.newTopologyRequest().send().join();
        assertEquals(1, topology.getClusterSize());
        assertEquals(1, topology.getBrokers().size());
        assertEquals(engine.port(), topology.getBrokers().get(0).getPort());
        assertTrue(topology.getBrokers().get(0).getPartitions().get(0).isLeader());
    }
}
