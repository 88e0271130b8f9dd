package com.recoverydesk.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The embedded default runs on H2 in PostgreSQL mode: the engine's SQL and migrations must work there too.
 * One process touching jobs, errors, timers and buffered messages covers every table.
 */
class H2CompatibilityTest extends EngineTestHelpers {

    private static JdbcDataSource h2;

    @BeforeAll
    static void startEngineOnH2() {
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:engine-h2;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        engine = EmbeddedEngine.start(EngineSettings.defaults().withPort(0), h2);
        client = clientFor(engine.port());
    }

    @AfterAll
    static void stopEngineOnH2() {
        engine.close();
        client.close();
    }

    @Test
    void shouldRunJobsErrorsTimersAndBufferedMessagesOnH2() throws Exception {
        String work = unique("work");
        String refused = unique("refused");
        String message = unique("approval-decided");
        client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("h2-process").startEvent()
                .serviceTask("Task_Work", task -> task.zeebeJobType(work))
                .boundaryEvent("Event_Refused", boundary -> boundary.error("REFUSED"))
                .serviceTask("Task_Refused", task -> task.zeebeJobType(refused)).endEvent()
                .moveToActivity("Task_Work")
                .intermediateCatchEvent("Event_Pause").timerWithDuration("PT0.2S")
                .receiveTask("Task_Approval").message(m -> m.name(message).zeebeCorrelationKeyExpression("caseId"))
                .endEvent().done(), "h2.bpmn").send().join();
        List<Long> refusals = new CopyOnWriteArrayList<>();
        JobWorker workWorker = worker(work, (jobClient, job) -> {
            if ("dave".equals(job.getVariablesAsMap().get("caseId"))) {
                jobClient.newThrowErrorCommand(job.getKey()).errorCode("REFUSED").send().join();
            } else {
                jobClient.newCompleteCommand(job.getKey()).send().join();
            }
        });
        worker(refused, (jobClient, job) -> {
            refusals.add(job.getProcessInstanceKey());
            jobClient.newCompleteCommand(job.getKey()).send().join();
        });
        client.newPublishMessageCommand().messageName(message).correlationKey("alice").timeToLive(Duration.ofMinutes(1)).send().join();

        long alice = start("h2-process", Map.of("caseId", "alice")).getProcessInstanceKey();
        long dave = start("h2-process", Map.of("caseId", "dave")).getProcessInstanceKey();

        await("both finished on H2", Duration.ofSeconds(10), () -> "COMPLETED".equals(h2State(alice)) && "COMPLETED".equals(h2State(dave)));
        assertEquals(List.of(dave), refusals);
        workWorker.close();
    }

    private static String h2State(long instanceKey) {
        try (Connection connection = h2.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT state FROM engine_process_instance WHERE instance_key = ?")) {
            statement.setLong(1, instanceKey);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
