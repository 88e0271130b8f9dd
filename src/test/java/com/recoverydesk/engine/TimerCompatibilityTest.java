package com.recoverydesk.engine;

import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Timer catch events and timer boundary events; timers never fire early, past ones fire at once. */
class TimerCompatibilityTest extends EngineTestSupport {

    @Test
    void shouldNotFireTimerBeforeItsDuration() {
        String processId = unique("timer");
        deploy(Bpmn.createExecutableProcess(processId).startEvent()
                .intermediateCatchEvent("Event_Wait").timerWithDuration("PT0.5S").endEvent().done());
        long started = System.currentTimeMillis();

        long instance = start(processId, Map.of()).getProcessInstanceKey();

        awaitCompleted(instance);
        assertTrue(System.currentTimeMillis() - started >= 500, "completed only after the full duration");
    }

    @Test
    void shouldFireTimerDueInThePastAtOnce() {
        String processId = unique("past");
        deploy(Bpmn.createExecutableProcess(processId).startEvent()
                .intermediateCatchEvent("Event_Deadline").timerWithDateExpression("deadline").endEvent().done());

        long instance = start(processId, Map.of("deadline", Instant.now().minusSeconds(60).toString())).getProcessInstanceKey();

        await("past timer fired", Duration.ofSeconds(2), () -> "COMPLETED".equals(instanceState(instance)));
    }

    @Test
    void shouldInterruptTaskWhenInterruptingBoundaryTimerFires() {
        String processId = unique("interrupting");
        String review = unique("review");
        String expire = unique("close-case");
        deploy(Bpmn.createExecutableProcess(processId).startEvent()
                .serviceTask("Task_Review", task -> task.zeebeJobType(review))
                .boundaryEvent("Event_ReviewExpired", boundary -> boundary.timerWithDuration("PT0.3S").cancelActivity(true))
                .serviceTask("Task_Expire", task -> task.zeebeJobType(expire)).endEvent("Event_Expired")
                .moveToActivity("Task_Review").endEvent("Event_Reviewed").done());
        List<Long> expired = new CopyOnWriteArrayList<>();
        worker(expire, (jobClient, job) -> {
            expired.add(job.getProcessInstanceKey());
            jobClient.newCompleteCommand(job.getKey()).send().join();
        });
        long instance = start(processId, Map.of()).getProcessInstanceKey();
        ActivatedJob held = client.newActivateJobsCommand().jobType(review).maxJobsToActivate(1).requestTimeout(Duration.ofSeconds(2))
                .send().join().getJobs().get(0);

        awaitCompleted(instance);

        assertEquals(List.of(instance), expired);
        ClientStatusException late = assertThrows(ClientStatusException.class, () -> client.newCompleteCommand(held.getKey()).send().join());
        assertEquals(Status.Code.NOT_FOUND, late.getStatusCode(), "the interrupted task's job is gone");
    }

    @Test
    void shouldKeepTaskWaitingWhenNonInterruptingBoundaryTimerFires() {
        String processId = unique("non-interrupting");
        String review = unique("review");
        String escalate = unique("escalate");
        deploy(Bpmn.createExecutableProcess(processId).startEvent()
                .serviceTask("Task_Review", task -> task.zeebeJobType(review))
                .boundaryEvent("Event_SlaWarning", boundary -> boundary.timerWithDuration("PT0.3S").cancelActivity(false))
                .serviceTask("Task_Escalate", task -> task.zeebeJobType(escalate)).endEvent("Event_Escalated")
                .moveToActivity("Task_Review").endEvent("Event_Reviewed").done());
        List<Long> escalations = new CopyOnWriteArrayList<>();
        worker(escalate, (jobClient, job) -> {
            jobClient.newCompleteCommand(job.getKey()).send().join();
            escalations.add(job.getProcessInstanceKey()); // after completion: the test then looks at what still waits
        });
        long instance = start(processId, Map.of()).getProcessInstanceKey();

        await("escalated", Duration.ofSeconds(5), () -> escalations.size() == 1);

        assertEquals(List.of("Task_Review"), waitingElements(instance), "the review goes on");
        ActivatedJob review1 = client.newActivateJobsCommand().jobType(review).maxJobsToActivate(1).requestTimeout(Duration.ofSeconds(2))
                .send().join().getJobs().get(0);
        client.newCompleteCommand(review1.getKey()).send().join();
        awaitCompleted(instance);
        assertEquals(1, escalations.size(), "a non-interrupting duration timer fires once");
    }
}
