package com.recoverydesk.engine;

import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeploymentCompatibilityTest extends EngineTestSupport {

    @Test
    void shouldRefuseScriptTaskNamingTheElementAndItsId() {
        BpmnModelInstance model = Bpmn.createExecutableProcess(unique("script")).startEvent()
                .scriptTask("Task_Score", task -> task.zeebeExpression("1 + 1").zeebeResultVariable("score"))
                .endEvent().done();

        ClientStatusException refused = assertThrows(ClientStatusException.class, () -> deploy(model));

        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatusCode());
        assertTrue(refused.getMessage().contains("scriptTask"), refused.getMessage());
        assertTrue(refused.getMessage().contains("Task_Score"), refused.getMessage());
    }

    @Test
    void shouldRefuseWhatZeebeValidationRefuses() {
        BpmnModelInstance model = Bpmn.createExecutableProcess(unique("nojobtype")).startEvent()
                .serviceTask("Task_WithoutType").endEvent().done();

        ClientStatusException refused = assertThrows(ClientStatusException.class, () -> deploy(model));

        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatusCode());
        assertTrue(refused.getMessage().contains("Task_WithoutType"), refused.getMessage());
    }

    @Test
    void shouldRefuseResourceThatIsNotBpmn() {
        ClientStatusException refused = assertThrows(ClientStatusException.class, () -> client.newDeployResourceCommand()
                .addResourceBytes("<not-bpmn/>".getBytes(StandardCharsets.UTF_8), "broken.bpmn").send().join());

        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatusCode());
    }

    @Test
    void shouldKeepVersionForUnchangedResourceAndAddOneForChangedResource() {
        String processId = unique("versions");
        BpmnModelInstance first = Bpmn.createExecutableProcess(processId).startEvent().endEvent("Event_A").done();
        BpmnModelInstance changed = Bpmn.createExecutableProcess(processId).startEvent().endEvent("Event_B").done();

        DeploymentEvent initial = deploy(first);
        DeploymentEvent again = deploy(first);
        DeploymentEvent updated = deploy(changed);

        assertEquals(1, initial.getProcesses().get(0).getVersion());
        assertEquals(initial.getProcesses().get(0).getProcessDefinitionKey(), again.getProcesses().get(0).getProcessDefinitionKey());
        assertEquals(2, updated.getProcesses().get(0).getVersion());
        assertNotEquals(initial.getProcesses().get(0).getProcessDefinitionKey(), updated.getProcesses().get(0).getProcessDefinitionKey());
    }
}
