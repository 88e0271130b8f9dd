package com.recoverydesk.engine;

import java.util.List;
import java.util.Map;

/**
 * One executable BPMN process reduced to what the engine needs to run it: its elements by id, with the
 * Zeebe extension values already read. Immutable, so one instance is shared by every command.
 * Expressions keep Zeebe's convention: a leading '=' means FEEL, anything else is a static value.
 */
record ProcessModel(String bpmnProcessId, String startEventId, Map<String, Element> elements) {

    enum ElementType {
        START_EVENT, END_EVENT, SERVICE_TASK, RECEIVE_TASK, MESSAGE_CATCH_EVENT, TIMER_CATCH_EVENT,
        TIMER_BOUNDARY_EVENT, ERROR_BOUNDARY_EVENT, EXCLUSIVE_GATEWAY, PARALLEL_GATEWAY, EVENT_BASED_GATEWAY;

        /** Elements where a token stops and waits for something from outside. */
        boolean waits() {
            return this == SERVICE_TASK || this == RECEIVE_TASK || this == MESSAGE_CATCH_EVENT
                    || this == TIMER_CATCH_EVENT || this == EVENT_BASED_GATEWAY;
        }
    }

    enum TimerKind { DURATION, DATE }

    record Flow(String id, String targetId, String condition) {}

    record Mapping(String source, String target) {}

    /** A message to wait for: its name and the FEEL (or static) correlation key. */
    record MessageDefinition(String name, String correlationKey) {}

    record TimerDefinition(TimerKind kind, String expression) {}

    /**
     * A flow node. Fields that do not apply to an element's type are empty or null: only service tasks
     * have a job type, only timer events a timer, only boundary events an attachedTo. Its flows come from
     * the sequence flows' sourceRef/targetRef (never the optional incoming/outgoing children), outgoing in
     * their document order, which is the order an exclusive gateway evaluates their conditions in.
     */
    record Element(
            String id,
            ElementType type,
            List<Flow> outgoing,
            List<String> incomingFlowIds,
            String defaultFlowId,
            String jobType,
            String jobRetries,
            Map<String, String> taskHeaders,
            List<Mapping> inputs,
            List<Mapping> outputs,
            MessageDefinition message,
            TimerDefinition timer,
            String attachedToId,
            boolean interrupting,
            String errorCode,
            List<String> boundaryEventIds) {}

    Element element(String id) {
        Element element = elements.get(id);
        if (element == null) throw new IllegalStateException("element " + id + " not in process " + bpmnProcessId);
        return element;
    }
}
