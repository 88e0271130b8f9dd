package com.recoverydesk.engine;

import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.ExclusiveGatewayBuilder;
import io.camunda.zeebe.model.bpmn.builder.ServiceTaskBuilder;
import io.grpc.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The same processes written in four dialects run the same way: as the model API's builder writes them
 * (generated here), as Camunda Modeler saves them (bpmndi, zeebe prefix, incoming/outgoing children), and
 * hand-written without incoming/outgoing children, with and without bpmndi (src/test/resources/bpmn/dialects).
 * Every dialect must show the client the same jobs, in the same order, with the same headers and
 * variables. Files using what the engine does not run as Zeebe does are refused naming the element
 * (src/test/resources/bpmn/refused).
 */
class BpmnDialectCorpusTest extends EngineTestSupport {

    enum Dialect {
        BUILDER("builder"), MODELER("modeler"), MINIMAL("minimal"), MINIMAL_DI("minimal-di");

        final String file;

        Dialect(String file) {
            this.file = file;
        }
    }

    /** One instance as the client sees it: each job's element, type and headers, in the order handled. */
    private final class Run {
        final String caseId = unique("case");
        final long instance;
        final List<String> path = new ArrayList<>();

        Run(String processId, Map<String, Object> variables) {
            Map<String, Object> all = new HashMap<>(variables);
            all.put("caseId", caseId);
            instance = start(processId, all).getProcessInstanceKey();
        }

        ActivatedJob job(String type) {
            long giveUp = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < giveUp) {
                for (ActivatedJob job : client.newActivateJobsCommand().jobType(type).maxJobsToActivate(10).timeout(Duration.ofSeconds(30))
                        .requestTimeout(Duration.ofSeconds(2)).send().join().getJobs()) {
                    if (job.getProcessInstanceKey() != instance) continue; // another run's job: it times out and goes back
                    path.add(job.getElementId() + " " + job.getType() + " " + new TreeMap<>(job.getCustomHeaders()));
                    return job;
                }
            }
            throw new AssertionError("no job of type " + type + " for instance " + instance + "; handled so far: " + path
                    + ", state " + instanceState(instance) + ", waiting at " + waitingElements(instance));
        }

        void complete(ActivatedJob job, Map<String, Object> variables) {
            client.newCompleteCommand(job.getKey()).variables(variables).send().join();
        }

        void complete(String type) {
            complete(job(type), Map.of());
        }

        void publish(String message, Map<String, Object> variables) {
            client.newPublishMessageCommand().messageName(message).correlationKey(caseId).timeToLive(Duration.ofSeconds(30))
                    .variables(variables).send().join();
        }

        List<String> completed() {
            await("instance " + instance + " completed (handled " + path + ")", Duration.ofSeconds(15),
                    () -> "COMPLETED".equals(instanceState(instance)));
            assertEquals(List.of(), incidents(instance));
            return path;
        }
    }

    private record Script(String name, Map<String, Object> variables, Consumer<Run> steps, List<String> expectedPath) {}

    private record Scenario(String name, List<Script> scripts, Set<Dialect> refusedIn, List<String> refusal) {}

    private static String outcome(String element, String value) {
        return element + " fid-outcome {outcome=" + value + "}";
    }

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("orders", List.of(
                    new Script("high risk", Map.of("amount", 500), run -> {
                        ActivatedJob assess = run.job("fid-assess");
                        assertEquals(500, ((Number) assess.getVariablesAsMap().get("localAmount")).intValue(), "input mapping");
                        assertEquals(2, assess.getRetries(), "retries from the task definition");
                        run.complete(assess, Map.of("risk", "HIGH"));
                        run.complete("fid-review");
                        run.complete("fid-notify");
                        run.complete("fid-archive");
                        ActivatedJob close = run.job("fid-close");
                        Map<String, Object> variables = close.getVariablesAsMap();
                        assertEquals("HIGH", variables.get("riskLevel"), "output mapping");
                        assertFalse(variables.containsKey("risk"), "with output mappings only the mapped results reach the process");
                        assertFalse(variables.containsKey("localAmount"), "input mappings stay local to their task");
                        run.complete(close, Map.of());
                    }, List.of("Task_Assess fid-assess {kind=assess}", "Task_Review fid-review {kind=review}", "Task_Notify fid-notify {}",
                            "Task_Archive fid-archive {}", "Task_Close fid-close {}")),
                    new Script("low risk takes the default flow", Map.of("amount", 5), run -> {
                        run.complete(run.job("fid-assess"), Map.of("risk", "LOW"));
                        run.complete("fid-notify");
                        run.complete("fid-archive");
                        run.complete("fid-close");
                    }, List.of("Task_Assess fid-assess {kind=assess}", "Task_Notify fid-notify {}", "Task_Archive fid-archive {}",
                            "Task_Close fid-close {}"))),
                    Set.of(), List.of()),
            new Scenario("waits", List.of(
                    new Script("reminded, then evidence and decision", Map.of("remindAfter", "PT0.1S", "expireAfter", "PT1H", "pause", "PT0.1S"), run -> {
                        run.complete("fid-outcome");
                        run.publish("fid-evidence", Map.of());
                        run.publish("fid-decided", Map.of("decision", "approve"));
                        ActivatedJob done = run.job("fid-outcome");
                        assertEquals("approve", done.getVariablesAsMap().get("finalDecision"), "the message event's output mapping");
                        assertFalse(done.getVariablesAsMap().containsKey("decision"));
                        run.complete(done, Map.of());
                    }, List.of(outcome("Task_Remind", "reminded"), outcome("Task_Done", "done"))),
                    new Script("expired by the interrupting timer", Map.of("remindAfter", "PT1H", "expireAfter", "PT0.1S", "pause", "PT0S"),
                            run -> run.complete("fid-outcome"), List.of(outcome("Task_Expired", "expired")))),
                    Set.of(), List.of()),
            new Scenario("errors", List.of(
                    new Script("completed", Map.of(), run -> {
                        run.complete("fid-reset");
                        run.complete("fid-outcome");
                    }, List.of("Task_Reset fid-reset {}", outcome("Task_Reset_Done", "reset"))),
                    new Script("caught by its error code", Map.of(), run -> {
                        client.newThrowErrorCommand(run.job("fid-reset").getKey()).errorCode("NOT_ELIGIBLE").send().join();
                        run.complete("fid-outcome");
                    }, List.of("Task_Reset fid-reset {}", outcome("Task_NotEligible", "not-eligible"))),
                    new Script("caught by the catch-all", Map.of(), run -> {
                        client.newThrowErrorCommand(run.job("fid-reset").getKey()).errorCode("SOMETHING_ELSE").send().join();
                        run.complete("fid-outcome");
                    }, List.of("Task_Reset fid-reset {}", outcome("Task_Failed", "failed")))),
                    Set.of(), List.of()),
            // Zeebe's own validator counts an event-based gateway's flows through its <outgoing> children, so
            // Zeebe refuses this gateway written without them; the engine runs the same validator.
            new Scenario("race", List.of(
                    new Script("the message wins", Map.of("deadline", "PT1H"), run -> {
                        run.publish("fid-answer", Map.of());
                        run.complete("fid-outcome");
                    }, List.of(outcome("Task_Answered", "answered"))),
                    new Script("the timer wins", Map.of("deadline", "PT0.1S"), run -> run.complete("fid-outcome"),
                            List.of(outcome("Task_TimedOut", "timed-out")))),
                    Set.of(Dialect.MINIMAL, Dialect.MINIMAL_DI), List.of("Gateway_Race", "at least 2 outgoing sequence flows")));

    static Stream<Arguments> scenariosInEveryDialect() {
        return SCENARIOS.stream().flatMap(scenario -> Stream.of(Dialect.values()).map(dialect -> Arguments.of(scenario.name(), dialect)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("scenariosInEveryDialect")
    void shouldRunEveryDialectAlongTheSamePathWithTheSameJobs(String scenarioName, Dialect dialect) {
        Scenario scenario = SCENARIOS.stream().filter(s -> s.name().equals(scenarioName)).findFirst().orElseThrow();
        String processId = "fid-" + scenario.name() + "-" + dialect.file;
        byte[] resource = dialect == Dialect.BUILDER
                ? Bpmn.convertToString(builderModel(scenario.name(), processId)).getBytes(StandardCharsets.UTF_8)
                : resource("/bpmn/dialects/" + scenario.name() + "-" + dialect.file + ".bpmn");

        if (scenario.refusedIn().contains(dialect)) {
            ClientStatusException refused = assertThrows(ClientStatusException.class, () -> deployBytes(resource, processId));
            assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatusCode());
            for (String fragment : scenario.refusal()) assertTrue(refused.getMessage().contains(fragment), refused.getMessage());
            return;
        }
        assertEquals(processId, deployBytes(resource, processId));
        for (Script script : scenario.scripts()) {
            Run run = new Run(processId, script.variables());
            try {
                script.steps().accept(run);
                assertEquals(script.expectedPath(), run.completed(), scenario.name() + " / " + script.name() + " as " + dialect);
            } finally {
                // a run that went wrong must not leave jobs for the next one
                if (!"COMPLETED".equals(instanceState(run.instance))) client.newCancelInstanceCommand(run.instance).send().join();
            }
        }
    }

    /** Every file of the refused corpus, with what its refusal must name. */
    static Stream<Arguments> refusedFiles() {
        return Stream.of(
                Arguments.of("children-contradict-flows", List.of("Task_A", "sourceRef", "Flow_2")),
                Arguments.of("children-name-unknown-flow", List.of("Flow_Typo")),
                Arguments.of("script-task", List.of("scriptTask", "Task_Score")),
                Arguments.of("execution-listener", List.of("zeebe:executionListeners", "Task_A")),
                Arguments.of("unconditional-flow-at-gateway", List.of("Gateway_Choose", "Flow_B", "default flow")),
                Arguments.of("conditional-flow-from-task", List.of("Flow_Conditional", "Task_A")),
                Arguments.of("default-flow-on-task", List.of("Task_A", "default flow")),
                Arguments.of("incoming-flow-to-boundary", List.of("Event_Timeout", "incoming")),
                Arguments.of("input-mapping-on-end-event", List.of("Event_End", "input mappings")),
                Arguments.of("duplicate-task-header", List.of("Task_A", "'kind'")),
                Arguments.of("invalid-feel", List.of("Task_A", "FEEL", "doubled")),
                Arguments.of("static-timer-not-iso", List.of("Event_Wait", "ISO 8601")),
                Arguments.of("timer-cycle-boundary", List.of("Event_Every", "timeCycle")),
                Arguments.of("message-boundary", List.of("Event_Cancelled", "messageEventDefinition")),
                Arguments.of("message-without-correlation-key", List.of("Message_Go", "correlationKey")),
                Arguments.of("flow-to-another-process", List.of("Flow_Across")),
                Arguments.of("no-executable-process", List.of("executable process")),
                Arguments.of("gateway-without-outgoing-flow", List.of("Gateway_Nowhere", "no outgoing")),
                Arguments.of("retries-not-a-number", List.of("Task_A", "three")),
                Arguments.of("io-mapping-on-gateway", List.of("Gateway_Fork", "zeebe:ioMapping")),
                Arguments.of("event-gateway-to-task", List.of("Gateway_Race", "intermediate catch events")),
                Arguments.of("event-definition-by-reference", List.of("Event_Terminate", "eventDefinitionRef")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedFiles")
    void shouldRefuseWhatItWouldNotRunAsZeebeNamingIt(String file, List<String> named) {
        byte[] resource = resource("/bpmn/refused/" + file + ".bpmn");

        ClientStatusException refused = assertThrows(ClientStatusException.class, () -> deployBytes(resource, file));

        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatusCode());
        for (String fragment : named) assertTrue(refused.getMessage().contains(fragment), refused.getMessage());
    }

    private static String deployBytes(byte[] resource, String name) {
        return client.newDeployResourceCommand().addResourceBytes(resource, name + ".bpmn").send().join()
                .getProcesses().get(0).getBpmnProcessId();
    }

    private static byte[] resource(String path) {
        try (InputStream in = BpmnDialectCorpusTest.class.getResourceAsStream(path)) {
            if (in == null) fail("missing corpus file " + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the builder dialect: the same processes as zeebe-bpmn-model's fluent API writes them ----

    private static Consumer<ServiceTaskBuilder> outcomeTask(String value) {
        return task -> task.zeebeJobType("fid-outcome").zeebeTaskHeader("outcome", value);
    }

    private static BpmnModelInstance builderModel(String scenario, String processId) {
        return switch (scenario) {
            case "orders" -> ((ExclusiveGatewayBuilder) Bpmn.createExecutableProcess(processId).startEvent("Event_Start")
                    .serviceTask("Task_Assess", task -> task.zeebeJobType("fid-assess").zeebeJobRetries("2")
                            .zeebeTaskHeader("kind", "assess").zeebeTaskHeader("note", "")
                            .zeebeInputExpression("amount", "localAmount").zeebeOutputExpression("risk", "riskLevel"))
                    .exclusiveGateway("Gateway_Risk")
                    .sequenceFlowId("Flow_High").conditionExpression("riskLevel = \"HIGH\"")
                    .serviceTask("Task_Review", task -> task.zeebeJobType("fid-review").zeebeTaskHeader("kind", "review"))
                    .exclusiveGateway("Gateway_Merge")
                    .parallelGateway("Gateway_Fork")
                    .serviceTask("Task_Notify", task -> task.zeebeJobType("fid-notify"))
                    .parallelGateway("Gateway_Join")
                    .serviceTask("Task_Close", task -> task.zeebeJobType("fid-close"))
                    .endEvent("Event_End")
                    .moveToNode("Gateway_Fork").serviceTask("Task_Archive", task -> task.zeebeJobType("fid-archive")).connectTo("Gateway_Join")
                    .moveToNode("Gateway_Risk")).sequenceFlowId("Flow_Low").defaultFlow().connectTo("Gateway_Merge")
                    .done();
            case "waits" -> Bpmn.createExecutableProcess(processId).startEvent("Event_Start")
                    .receiveTask("Task_WaitEvidence").message(m -> m.name("fid-evidence").zeebeCorrelationKeyExpression("caseId"))
                    .boundaryEvent("Event_Remind", boundary -> boundary.cancelActivity(false).timerWithDurationExpression("remindAfter"))
                    .serviceTask("Task_Remind", outcomeTask("reminded")).endEvent("Event_Reminded")
                    .moveToActivity("Task_WaitEvidence")
                    .boundaryEvent("Event_Expire", boundary -> boundary.cancelActivity(true).timerWithDurationExpression("expireAfter"))
                    .serviceTask("Task_Expired", outcomeTask("expired")).endEvent("Event_Expired")
                    .moveToActivity("Task_WaitEvidence")
                    .intermediateCatchEvent("Event_Decided").message(m -> m.name("fid-decided").zeebeCorrelationKeyExpression("caseId"))
                    .zeebeOutputExpression("decision", "finalDecision")
                    .intermediateCatchEvent("Event_Pause").timerWithDurationExpression("pause")
                    .serviceTask("Task_Done", outcomeTask("done")).endEvent("Event_Done")
                    .done();
            case "errors" -> Bpmn.createExecutableProcess(processId).startEvent("Event_Start")
                    .serviceTask("Task_Reset", task -> task.zeebeJobType("fid-reset"))
                    .boundaryEvent("Event_NotEligible", boundary -> boundary.error("NOT_ELIGIBLE"))
                    .serviceTask("Task_NotEligible", outcomeTask("not-eligible")).endEvent("Event_NotEligibleEnd")
                    .moveToActivity("Task_Reset")
                    .boundaryEvent("Event_AnyError", boundary -> boundary.error())
                    .serviceTask("Task_Failed", outcomeTask("failed")).endEvent("Event_FailedEnd")
                    .moveToActivity("Task_Reset")
                    .serviceTask("Task_Reset_Done", outcomeTask("reset")).endEvent("Event_Reset")
                    .done();
            case "race" -> Bpmn.createExecutableProcess(processId).startEvent("Event_Start")
                    .eventBasedGateway("Gateway_Race")
                    .intermediateCatchEvent("Event_Answer").message(m -> m.name("fid-answer").zeebeCorrelationKeyExpression("caseId"))
                    .serviceTask("Task_Answered", outcomeTask("answered")).endEvent("Event_AnsweredEnd")
                    .moveToNode("Gateway_Race")
                    .intermediateCatchEvent("Event_Deadline").timerWithDurationExpression("deadline")
                    .serviceTask("Task_TimedOut", outcomeTask("timed-out")).endEvent("Event_TimedOutEnd")
                    .done();
            default -> throw new IllegalArgumentException(scenario);
        };
    }
}
