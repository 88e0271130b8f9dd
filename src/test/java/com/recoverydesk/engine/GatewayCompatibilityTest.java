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

/** Exclusive (with default flow), parallel (fork and join) and event-based gateways. */
class GatewayCompatibilityTest extends EngineTestSupport {

    @Test
    void shouldFollowFirstTrueConditionOtherwiseDefaultFlow() {
        String processId = unique("exclusive");
        String approve = unique("approve");
        String more = unique("more-info");
        deploy(Bpmn.createExecutableProcess(processId).startEvent()
                .exclusiveGateway("Gateway_ReviewOutcome")
                .sequenceFlowId("Flow_Approve").conditionExpression("reviewDecision = \"APPROVE\"")
                .serviceTask("Task_Approve", task -> task.zeebeJobType(approve)).endEvent("Event_Approved")
                .moveToLastExclusiveGateway().defaultFlow()
                .serviceTask("Task_MoreInfo", task -> task.zeebeJobType(more)).endEvent("Event_MoreInfo")
                .done());
        List<ActivatedJob> approvals = new CopyOnWriteArrayList<>();
        List<ActivatedJob> moreInfo = new CopyOnWriteArrayList<>();
        worker(approve, (jobClient, job) -> {
            approvals.add(job);
            jobClient.newCompleteCommand(job.getKey()).send().join();
        });
        worker(more, (jobClient, job) -> {
            moreInfo.add(job);
            jobClient.newCompleteCommand(job.getKey()).send().join();
        });

        long approved = start(processId, Map.of("reviewDecision", "APPROVE")).getProcessInstanceKey();
        long other = start(processId, Map.of("reviewDecision", "REQUEST_MORE_INFO")).getProcessInstanceKey();
        long missing = start(processId, Map.of()).getProcessInstanceKey();

        awaitCompleted(approved);
        awaitCompleted(other);
        awaitCompleted(missing);
        assertEquals(List.of(approved), approvals.stream().map(ActivatedJob::getProcessInstanceKey).toList());
        assertEquals(2, moreInfo.size(), "the default flow takes every case no condition matches");
    }

    @Test
    void shouldRaiseIncidentWhenNoConditionHoldsAndThereIsNoDefault() {
        String processId = unique("nodefault");
        deploy(Bpmn.createExecutableProcess(processId).startEvent()
                .exclusiveGateway("Gateway_Check")
                .sequenceFlowId("Flow_Big").conditionExpression("amount > 100").endEvent("Event_Big")
                .moveToNode("Gateway_Check")
                .sequenceFlowId("Flow_Small").conditionExpression("amount < 10").endEvent("Event_Small")
                .done());
        long instance = start(processId, Map.of("amount", 50)).getProcessInstanceKey();

        List<Long> incidents = incidents(instance);
        assertEquals(1, incidents.size());
        assertTrue(incidentMessage(incidents.get(0)).startsWith("CONDITION_ERROR"));

        client.newSetVariablesCommand(instance).variables(Map.of("amount", 500)).send().join();
        client.newResolveIncidentCommand(incidents.get(0)).send().join();
        awaitCompleted(instance);
    }

    @Test
    void shouldForkAndJoinParallelBranches() {
        String processId = unique("parallel");
        String left = unique("left");
        String right = unique("right");
        String after = unique("after");
        deploy(Bpmn.createExecutableProcess(processId).startEvent()
                .parallelGateway("Gateway_Fork")
                .serviceTask("Task_Left", task -> task.zeebeJobType(left))
                .parallelGateway("Gateway_Join")
                .serviceTask("Task_After", task -> task.zeebeJobType(after))
                .endEvent()
                .moveToNode("Gateway_Fork")
                .serviceTask("Task_Right", task -> task.zeebeJobType(right))
                .connectTo("Gateway_Join")
                .done());
        List<ActivatedJob> afterJobs = new CopyOnWriteArrayList<>();
        worker(left, (jobClient, job) -> jobClient.newCompleteCommand(job.getKey()).variables(Map.of("left", true)).send().join());
        worker(after, (jobClient, job) -> {
            afterJobs.add(job);
            jobClient.newCompleteCommand(job.getKey()).send().join();
        });
        long instance = start(processId, Map.of()).getProcessInstanceKey();
        await("left branch done", Duration.ofSeconds(5), () -> waitingElements(instance).equals(List.of("Task_Right")));
        assertTrue(afterJobs.isEmpty(), "the join waits for the right branch");

        worker(right, (jobClient, job) -> jobClient.newCompleteCommand(job.getKey()).variables(Map.of("right", true)).send().join());

        awaitCompleted(instance);
        assertEquals(1, afterJobs.size(), "the join lets exactly one token through");
        assertEquals(Map.of("left", true, "right", true), afterJobs.get(0).getVariablesAsMap());
    }

    @Test
    void shouldLetMessageOrTimerWinTheEventBasedGatewayRace() {
        String processId = unique("race");
        String objection = unique("reset-objected");
        String freeze = unique("freeze");
        String reset = unique("reset");
        deploy(Bpmn.createExecutableProcess(processId).startEvent()
                .eventBasedGateway("Gateway_CoolingOff")
                .intermediateCatchEvent("Event_CoolingOffOver").timerWithDurationExpression("coolingOff")
                .serviceTask("Task_Reset", task -> task.zeebeJobType(reset)).endEvent("Event_Recovered")
                .moveToNode("Gateway_CoolingOff")
                .intermediateCatchEvent("Event_Objection").message(m -> m.name(objection).zeebeCorrelationKeyExpression("caseId"))
                .serviceTask("Task_Freeze", task -> task.zeebeJobType(freeze)).endEvent("Event_Frozen")
                .done());
        List<Long> frozen = new CopyOnWriteArrayList<>();
        List<Long> resets = new CopyOnWriteArrayList<>();
        worker(freeze, (jobClient, job) -> {
            frozen.add(job.getProcessInstanceKey());
            jobClient.newCompleteCommand(job.getKey()).send().join();
        });
        worker(reset, (jobClient, job) -> {
            resets.add(job.getProcessInstanceKey());
            jobClient.newCompleteCommand(job.getKey()).send().join();
        });

        long objected = start(processId, Map.of("caseId", "case-objected", "coolingOff", "PT0.4S")).getProcessInstanceKey();
        long quiet = start(processId, Map.of("caseId", "case-quiet", "coolingOff", "PT0.4S")).getProcessInstanceKey();
        client.newPublishMessageCommand().messageName(objection).correlationKey("case-objected").send().join();

        awaitCompleted(objected);
        awaitCompleted(quiet);
        assertEquals(List.of(objected), frozen);
        assertEquals(List.of(quiet), resets, "the timer fired only where no message came first");
    }
}
