package com.recoverydesk.engine;

import com.google.protobuf.ByteString;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.Process;
import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployProcessRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployProcessResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ProcessMetadata;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ProcessRequestObject;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four findings of the outside probes (issue 13), each through the official client or, for the
 * deprecated RPC no current client sends, through the gateway's generated stub.
 */
class EngineFidelityTest extends EngineTestSupport {

    /** The XML of the finding, word for word apart from ids: no incoming/outgoing children at all. */
    private static String withoutChildren(String processId, String jobType) {
        return """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
                             targetNamespace="urn:probe">
                  <process id="%s" isExecutable="true">
                    <startEvent id="s"/>
                    <sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
                    <serviceTask id="t"><extensionElements><zeebe:taskDefinition type="%s"/></extensionElements></serviceTask>
                    <sequenceFlow id="f2" sourceRef="t" targetRef="e"/>
                    <endEvent id="e"/>
                  </process>
                </definitions>
                """.formatted(processId, jobType);
    }

    @Test
    void shouldWaitAtTaskOfProcessWhoseFlowsAreGivenOnlyBySourceAndTargetRef() {
        String processId = unique("refs-only");
        String jobType = unique("probe-task");
        client.newDeployResourceCommand().addResourceString(withoutChildren(processId, jobType), StandardCharsets.UTF_8, "refs-only.bpmn")
                .send().join();

        long instance = start(processId, Map.of()).getProcessInstanceKey();

        ActivatedJob job = awaitJob(jobType);
        assertEquals(instance, job.getProcessInstanceKey());
        assertEquals("t", job.getElementId());
        assertEquals("ACTIVE", instanceState(instance), "the instance waits at its task instead of completing at once");
        client.newCompleteCommand(job.getKey()).send().join();
        awaitCompleted(instance);
    }

    @Test
    void shouldLeaveOutTaskHeaderWithEmptyValueAsZeebeDoes() {
        String processId = unique("headers");
        String jobType = unique("headed");
        deploy(Bpmn.createExecutableProcess(processId).startEvent()
                .serviceTask("Task_Headed", task -> task.zeebeJobType(jobType).zeebeTaskHeader("kind", "assess").zeebeTaskHeader("note", ""))
                .endEvent().done());
        start(processId, Map.of());

        ActivatedJob job = awaitJob(jobType);

        assertEquals(Map.of("kind", "assess"), job.getCustomHeaders());
        assertFalse(job.getCustomHeaders().containsValue(null));
        client.newCompleteCommand(job.getKey()).send().join();
    }

    @Test
    void shouldGiveEveryDeploymentAKeyOfItsOwn() {
        BpmnModelInstance first = Bpmn.createExecutableProcess(unique("deploy-a")).startEvent().endEvent().done();
        BpmnModelInstance second = Bpmn.createExecutableProcess(unique("deploy-b")).startEvent().endEvent().done();

        DeploymentEvent deployment = client.newDeployResourceCommand().addProcessModel(first, "a.bpmn").addProcessModel(second, "b.bpmn")
                .send().join();
        DeploymentEvent again = client.newDeployResourceCommand().addProcessModel(first, "a.bpmn").send().join();

        List<Long> processKeys = deployment.getProcesses().stream().map(Process::getProcessDefinitionKey).toList();
        assertEquals(2, processKeys.size());
        assertFalse(processKeys.contains(deployment.getKey()), "the deployment key is not a process's key");
        assertNotEquals(deployment.getKey(), again.getKey(), "an unchanged redeployment is still a deployment of its own");
        assertEquals(processKeys.get(0), again.getProcesses().get(0).getProcessDefinitionKey(), "while the process keeps its key");
        assertTrue(again.getKey() > deployment.getKey());
    }

    @Test
    @SuppressWarnings("deprecation")
    void shouldAnswerDeprecatedDeployProcessAsDeployResource() throws InterruptedException {
        String processId = unique("legacy");
        String jobType = unique("legacy-task");
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", engine.port()).usePlaintext().build();
        try {
            GatewayGrpc.GatewayBlockingStub gateway = GatewayGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
            byte[] xml = withoutChildren(processId, jobType).getBytes(StandardCharsets.UTF_8);

            DeployProcessResponse answer = gateway.deployProcess(DeployProcessRequest.newBuilder()
                    .addProcesses(ProcessRequestObject.newBuilder().setName("legacy.bpmn").setDefinition(ByteString.copyFrom(xml)))
                    .build());

            assertEquals(1, answer.getProcessesCount());
            ProcessMetadata process = answer.getProcesses(0);
            assertEquals(processId, process.getBpmnProcessId());
            assertEquals(1, process.getVersion());
            assertEquals("legacy.bpmn", process.getResourceName());
            assertNotEquals(process.getProcessDefinitionKey(), answer.getKey());
            // the same resource through DeployResource is the same deployed process: one path behind both RPCs
            DeploymentEvent same = client.newDeployResourceCommand().addResourceBytes(xml, "legacy.bpmn").send().join();
            assertEquals(process.getProcessDefinitionKey(), same.getProcesses().get(0).getProcessDefinitionKey());
            long instance = client.newCreateInstanceCommand().processDefinitionKey(process.getProcessDefinitionKey()).send().join()
                    .getProcessInstanceKey();
            ActivatedJob job = awaitJob(jobType);
            assertEquals(instance, job.getProcessInstanceKey());
            client.newCompleteCommand(job.getKey()).send().join();

            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> gateway.deployProcess(DeployProcessRequest.newBuilder()
                    .addProcesses(ProcessRequestObject.newBuilder().setName("script.bpmn").setDefinition(ByteString.copyFromUtf8(
                            Bpmn.convertToString(Bpmn.createExecutableProcess(unique("legacy-script")).startEvent()
                                    .scriptTask("Task_Score", task -> task.zeebeExpression("1").zeebeResultVariable("score")).endEvent().done()))))
                    .build()));
            assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
            assertTrue(refused.getStatus().getDescription().contains("Task_Score"), refused.getStatus().getDescription());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldRefuseFileWhoseChildrenContradictItsFlowsNamingTheElement() {
        String xml = """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
                             targetNamespace="urn:probe">
                  <process id="%s" isExecutable="true">
                    <startEvent id="s"><outgoing>f1</outgoing><outgoing>f3</outgoing></startEvent>
                    <sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
                    <serviceTask id="t"><extensionElements><zeebe:taskDefinition type="x"/></extensionElements>
                      <incoming>f1</incoming><outgoing>f3</outgoing></serviceTask>
                    <sequenceFlow id="f2" sourceRef="t" targetRef="e"/>
                    <sequenceFlow id="f3" sourceRef="s" targetRef="e"/>
                    <endEvent id="e"><incoming>f2</incoming></endEvent>
                  </process>
                </definitions>
                """.formatted(unique("contradicting"));

        ClientStatusException refused = assertThrows(ClientStatusException.class, () -> client.newDeployResourceCommand()
                .addResourceString(xml, StandardCharsets.UTF_8, "contradicting.bpmn").send().join());

        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatusCode());
        assertTrue(refused.getMessage().contains("'t'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("sourceRef"), refused.getMessage());
    }

    @Test
    void shouldEvaluateGatewayConditionsInTheDocumentOrderOfTheFlowsNotOfTheChildren() {
        String processId = unique("flow-order");
        String first = unique("first");
        String second = unique("second");
        // both conditions hold; Zeebe takes the first sequence flow in the XML, whatever order <outgoing> lists them in
        String xml = """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
                             targetNamespace="urn:probe">
                  <process id="%s" isExecutable="true">
                    <startEvent id="s"><outgoing>f0</outgoing></startEvent>
                    <sequenceFlow id="f0" sourceRef="s" targetRef="g"/>
                    <exclusiveGateway id="g"><incoming>f0</incoming><outgoing>Flow_B</outgoing><outgoing>Flow_A</outgoing></exclusiveGateway>
                    <sequenceFlow id="Flow_A" sourceRef="g" targetRef="Task_First"><conditionExpression>=true</conditionExpression></sequenceFlow>
                    <sequenceFlow id="Flow_B" sourceRef="g" targetRef="Task_Second"><conditionExpression>=true</conditionExpression></sequenceFlow>
                    <serviceTask id="Task_First"><extensionElements><zeebe:taskDefinition type="%s"/></extensionElements><incoming>Flow_A</incoming></serviceTask>
                    <serviceTask id="Task_Second"><extensionElements><zeebe:taskDefinition type="%s"/></extensionElements><incoming>Flow_B</incoming></serviceTask>
                  </process>
                </definitions>
                """.formatted(processId, first, second);
        client.newDeployResourceCommand().addResourceString(xml, StandardCharsets.UTF_8, "flow-order.bpmn").send().join();

        long instance = start(processId, Map.of()).getProcessInstanceKey();

        ActivatedJob job = awaitJob(first);
        assertEquals("Task_First", job.getElementId());
        assertEquals(List.of("Task_First"), waitingElements(instance));
        client.newCompleteCommand(job.getKey()).send().join();
        awaitCompleted(instance);
    }

    private ActivatedJob awaitJob(String jobType) {
        long giveUp = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < giveUp) {
            List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(jobType).maxJobsToActivate(1).timeout(Duration.ofSeconds(30))
                    .requestTimeout(Duration.ofSeconds(2)).send().join().getJobs();
            if (!jobs.isEmpty()) return jobs.get(0);
        }
        throw new AssertionError("no job of type " + jobType + " appeared");
    }
}
