package com.recoverydesk.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Stops the engine while instances wait on jobs (one of them held by a worker that "crashed"), timers
 * and messages; a new engine on the same database must finish every instance, each exactly once.
 */
class RestartCompatibilityTest extends EngineTestHelpers {

    @Test
    void shouldFinishEveryWaitingInstanceExactlyOnceAfterRestart() {
        String processId = unique("restart");
        String work = unique("work");
        String last = unique("final");
        String message = unique("evidence-submitted");
        var model = Bpmn.createExecutableProcess(processId).startEvent()
                .exclusiveGateway("Gateway_Path")
                .sequenceFlowId("Flow_Job").conditionExpression("path = \"job\"")
                .serviceTask("Task_Work", task -> task.zeebeJobType(work))
                .exclusiveGateway("Gateway_Merge")
                .serviceTask("Task_Final", task -> task.zeebeJobType(last))
                .endEvent("Event_Done")
                .moveToNode("Gateway_Path").sequenceFlowId("Flow_Timer").conditionExpression("path = \"timer\"")
                .intermediateCatchEvent("Event_Wait").timerWithDuration("PT2S").connectTo("Gateway_Merge")
                .moveToNode("Gateway_Path").sequenceFlowId("Flow_Message").conditionExpression("path = \"message\"")
                .receiveTask("Task_WaitForEvidence").message(m -> m.name(message).zeebeCorrelationKeyExpression("caseId"))
                .connectTo("Gateway_Merge")
                .done();

        List<Long> instances = new ArrayList<>();
        EmbeddedEngine first = EmbeddedEngine.start(EngineSettings.defaults().withPort(0), dataSource());
        try (CamundaClient firstClient = clientFor(first.port())) {
            firstClient.newDeployResourceCommand().addProcessModel(model, "restart.bpmn").send().join();
            for (String path : List.of("job", "timer", "message")) {
                for (int i = 0; i < 4; i++) {
                    instances.add(firstClient.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
                            .variables(Map.of("path", path, "caseId", path + "-" + i)).send().join().getProcessInstanceKey());
                }
            }
            // a worker takes one job and dies with it: the job must come back after its timeout
            List<ActivatedJob> held = firstClient.newActivateJobsCommand().jobType(work).maxJobsToActivate(1)
                    .timeout(Duration.ofSeconds(1)).requestTimeout(Duration.ofSeconds(2)).send().join().getJobs();
            assertEquals(1, held.size());
        } finally {
            first.close();
        }
        for (long instance : instances) assertEquals("ACTIVE", instanceState(instance), "nothing finished before the restart");

        EmbeddedEngine second = EmbeddedEngine.start(EngineSettings.defaults().withPort(0), dataSource());
        List<Long> worked = new CopyOnWriteArrayList<>();
        List<Long> finished = new CopyOnWriteArrayList<>();
        try (CamundaClient secondClient = clientFor(second.port())) {
            JobWorker workWorker = secondClient.newWorker().jobType(work).handler((jobClient, job) -> {
                worked.add(job.getProcessInstanceKey());
                jobClient.newCompleteCommand(job.getKey()).send().join();
            }).pollInterval(Duration.ofMillis(50)).open();
            JobWorker finalWorker = secondClient.newWorker().jobType(last).handler((jobClient, job) -> {
                finished.add(job.getProcessInstanceKey());
                jobClient.newCompleteCommand(job.getKey()).send().join();
            }).pollInterval(Duration.ofMillis(50)).open();
            for (int i = 0; i < 4; i++) {
                secondClient.newPublishMessageCommand().messageName(message).correlationKey("message-" + i).send().join();
            }

            for (long instance : instances) awaitCompleted(instance);

            workWorker.close();
            finalWorker.close();
        } finally {
            second.close();
        }
        assertEquals(4, worked.size(), "each job-path instance's job completed once");
        assertEquals(4, new HashSet<>(worked).size());
        assertEquals(12, finished.size(), "every instance reached its final task once");
        assertEquals(new HashSet<>(instances), new HashSet<>(finished));
    }
}
