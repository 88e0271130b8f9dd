package com.recoverydesk.engine;

import io.camunda.client.api.command.ClientStatusException;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** DESIGN.md §5: messages are buffered for their TTL, idempotent per message id, matched when a subscription opens. */
class MessageCompatibilityTest extends EngineTestSupport {

    private String processId;
    private String messageName;

    /** start → receive task (message, correlated by caseId) → end */
    private void deployReceiveTaskProcess() {
        processId = unique("messages");
        messageName = unique("evidence-submitted");
        deploy(Bpmn.createExecutableProcess(processId).startEvent()
                .receiveTask("Task_WaitForEvidence").message(m -> m.name(messageName).zeebeCorrelationKeyExpression("caseId"))
                .endEvent().done());
    }

    private void publish(String caseId, Duration ttl, String messageId, Map<String, Object> variables) {
        var command = client.newPublishMessageCommand().messageName(messageName).correlationKey(caseId).timeToLive(ttl).variables(variables);
        if (messageId != null) command = command.messageId(messageId);
        command.send().join();
    }

    @Test
    void shouldCorrelateMessageToWaitingInstanceAndMergeItsVariables() {
        deployReceiveTaskProcess();
        long instance = start(processId, Map.of("caseId", "case-1")).getProcessInstanceKey();
        long other = start(processId, Map.of("caseId", "case-2")).getProcessInstanceKey();
        assertEquals(List.of("Task_WaitForEvidence"), waitingElements(instance));

        publish("case-1", Duration.ZERO, null, Map.of("evidenceCount", 3));

        awaitCompleted(instance);
        assertEquals(List.of("Task_WaitForEvidence"), waitingElements(other), "only the instance with the correlation key moves");
    }

    @Test
    void shouldCorrelateBufferedMessageWhenInstanceArrivesWithinTtl() {
        deployReceiveTaskProcess();
        publish("case-early", Duration.ofMinutes(1), "m-1", Map.of());

        long instance = start(processId, Map.of("caseId", "case-early")).getProcessInstanceKey();

        awaitCompleted(instance);
    }

    @Test
    void shouldNotCorrelateMessageWhoseTtlExpiredBeforeInstanceArrived() throws InterruptedException {
        deployReceiveTaskProcess();
        publish("case-late", Duration.ofMillis(200), "m-expiring", Map.of());
        Thread.sleep(400);

        long instance = start(processId, Map.of("caseId", "case-late")).getProcessInstanceKey();
        Thread.sleep(300);

        assertEquals(List.of("Task_WaitForEvidence"), waitingElements(instance), "an expired message is gone");
        publish("case-late", Duration.ZERO, "m-expiring", Map.of()); // the same id again is fine once the first expired
        awaitCompleted(instance);
    }

    @Test
    void shouldRejectSecondMessageWithSameIdWhileBufferedAndCorrelateOnlyOnce() {
        deployReceiveTaskProcess();
        publish("case-dup", Duration.ofMinutes(1), "evidence-case-dup-1", Map.of());

        ClientStatusException duplicate = assertThrows(ClientStatusException.class,
                () -> publish("case-dup", Duration.ofMinutes(1), "evidence-case-dup-1", Map.of()));

        assertEquals(Status.Code.ALREADY_EXISTS, duplicate.getStatusCode());
        long first = start(processId, Map.of("caseId", "case-dup")).getProcessInstanceKey();
        awaitCompleted(first);
        long second = start(processId, Map.of("caseId", "case-dup")).getProcessInstanceKey();
        await("second instance subscribed", Duration.ofSeconds(5), () -> !waitingElements(second).isEmpty());
        assertEquals(List.of("Task_WaitForEvidence"), waitingElements(second),
                "a buffered message correlates once per process, not to every later instance");
    }

    @Test
    void shouldCorrelateToIntermediateCatchEventWithNumericCorrelationKey() {
        String id = unique("catch");
        String name = unique("approval-decided");
        deploy(Bpmn.createExecutableProcess(id).startEvent()
                .intermediateCatchEvent("Event_Approval").message(m -> m.name(name).zeebeCorrelationKeyExpression("caseNumber"))
                .endEvent().done());
        long instance = start(id, Map.of("caseNumber", 4711)).getProcessInstanceKey();
        await("subscription open", Duration.ofSeconds(5), () -> waitingElements(instance).contains("Event_Approval"));

        client.newPublishMessageCommand().messageName(name).correlationKey("4711").send().join();

        awaitCompleted(instance);
    }
}
