package com.recoverydesk.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The BPMN file passes Zeebe's design-time validation, and it and {@link RecoveryProcess} agree on every name. */
class RecoveryProcessModelTest {

    private final BpmnModelInstance model = read();

    @Test
    void shouldPassZeebeDesignTimeValidation() {
        Bpmn.validateModel(model);
        assertEquals(RecoveryProcess.PROCESS_ID, model.getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.Process.class)
                .iterator().next().getId());
    }

    @Test
    void shouldUseExactlyTheJobTypesOfTheConstants() {
        Set<String> inFile = model.getModelElementsByType(ServiceTask.class).stream()
                .map(task -> task.getSingleExtensionElement(ZeebeTaskDefinition.class).getType())
                .collect(Collectors.toSet());
        assertEquals(constants(RecoveryProcess.JobTypes.class), inFile);
    }

    @Test
    void shouldUseExactlyTheMessagesOfTheConstants() {
        Set<String> inFile = model.getModelElementsByType(Message.class).stream().map(Message::getName).collect(Collectors.toSet());
        assertEquals(constants(RecoveryProcess.Messages.class), inFile);
    }

    @Test
    void shouldContainEveryElementIdOfTheConstants() {
        Set<String> ids = model.getModelElementsByType(FlowElement.class).stream().map(FlowElement::getId).collect(Collectors.toSet());
        for (String id : constants(RecoveryProcess.Elements.class)) {
            assertTrue(ids.contains(id), id + " is not in the BPMN");
        }
        // and ids are meaningful, never a modeller's default
        ids.forEach(id -> assertTrue(id.matches("(Task|Gateway|Event|Flow)_[A-Za-z0-9]+"), id));
    }

    private static Set<String> constants(Class<?> holder) {
        return Arrays.stream(holder.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(RecoveryProcessModelTest::value)
                .collect(Collectors.toSet());
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BpmnModelInstance read() {
        try (InputStream in = RecoveryProcessModelTest.class.getClassLoader().getResourceAsStream(RecoveryProcess.RESOURCE)) {
            return Bpmn.readModelFromStream(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
