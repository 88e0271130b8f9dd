package com.recoverydesk.engine;

import com.recoverydesk.engine.ProcessModel.Element;
import com.recoverydesk.engine.ProcessModel.ElementType;
import com.recoverydesk.engine.ProcessModel.Flow;
import com.recoverydesk.engine.ProcessModel.Mapping;
import com.recoverydesk.engine.ProcessModel.MessageDefinition;
import com.recoverydesk.engine.ProcessModel.TimerDefinition;
import com.recoverydesk.engine.ProcessModel.TimerKind;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ParallelGateway;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.ThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import org.camunda.bpm.model.xml.validation.ValidationResult;
import org.camunda.bpm.model.xml.validation.ValidationResultType;
import org.camunda.bpm.model.xml.validation.ValidationResults;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a BPMN resource into {@link ProcessModel}s. It runs the model API's schema validation and
 * Zeebe's design-time validators first (so a file accepted here also deploys on a real cluster), then
 * refuses, by type and id, every element outside the subset the engine implements.
 */
final class BpmnCompiler {

    private static final String SUPPORTED = "none start/end events, service tasks, receive tasks, message and timer"
            + " intermediate catch events, timer and error boundary events, exclusive, parallel and event-based gateways";

    private BpmnCompiler() {}

    static List<ProcessModel> compile(String resourceName, byte[] content) {
        BpmnModelInstance model;
        try {
            model = Bpmn.readModelFromStream(new ByteArrayInputStream(content));
            Bpmn.validateModel(model);
        } catch (RuntimeException e) {
            throw EngineException.invalid("Resource '" + resourceName + "' is not valid BPMN: " + firstLine(e.getMessage()));
        }
        ValidationResults results = model.validate(ZeebeDesignTimeValidators.VALIDATORS);
        if (results.hasErrors()) {
            throw EngineException.invalid("Resource '" + resourceName + "' fails Zeebe validation: " + describe(results));
        }
        List<ProcessModel> processes = new ArrayList<>();
        for (Process process : model.getModelElementsByType(Process.class)) {
            if (process.isExecutable()) processes.add(compileProcess(resourceName, process));
        }
        if (processes.isEmpty()) {
            throw EngineException.invalid("Resource '" + resourceName + "' contains no executable process");
        }
        return processes;
    }

    private static ProcessModel compileProcess(String resourceName, Process process) {
        Map<String, Element> elements = new LinkedHashMap<>();
        String startEventId = null;
        for (FlowElement flowElement : process.getFlowElements()) {
            if (flowElement instanceof SequenceFlow) continue;
            if (!(flowElement instanceof FlowNode node)) throw unsupported(resourceName, process, flowElement, null);
            ElementType type = classify(resourceName, process, node);
            if (type == ElementType.START_EVENT) {
                if (startEventId != null) {
                    throw EngineException.invalid("Process '" + process.getId() + "' in '" + resourceName
                            + "' has more than one start event; the embedded engine supports exactly one none start event");
                }
                startEventId = node.getId();
            }
            elements.put(node.getId(), toElement(node, type));
        }
        if (startEventId == null) {
            throw EngineException.invalid("Process '" + process.getId() + "' in '" + resourceName + "' has no none start event");
        }
        return new ProcessModel(process.getId(), startEventId, Map.copyOf(elements));
    }

    private static ElementType classify(String resourceName, Process process, FlowNode node) {
        if (node instanceof Activity activity && activity.getLoopCharacteristics() != null) {
            throw unsupported(resourceName, process, node, "multi-instance");
        }
        if (node instanceof StartEvent start) {
            requireNoEventDefinitions(resourceName, process, start, start.getEventDefinitions());
            return ElementType.START_EVENT;
        }
        if (node instanceof EndEvent end) {
            requireNoEventDefinitions(resourceName, process, end, end.getEventDefinitions());
            return ElementType.END_EVENT;
        }
        if (node instanceof ThrowEvent) throw unsupported(resourceName, process, node, null);
        if (node instanceof ServiceTask) return ElementType.SERVICE_TASK;
        if (node instanceof ReceiveTask) return ElementType.RECEIVE_TASK;
        if (node instanceof ExclusiveGateway) return ElementType.EXCLUSIVE_GATEWAY;
        if (node instanceof ParallelGateway) return ElementType.PARALLEL_GATEWAY;
        if (node instanceof EventBasedGateway) return ElementType.EVENT_BASED_GATEWAY;
        if (node instanceof BoundaryEvent boundary) {
            EventDefinition definition = singleDefinition(resourceName, process, boundary);
            if (definition instanceof TimerEventDefinition timer) {
                requireNoCycle(resourceName, process, boundary, timer);
                return ElementType.TIMER_BOUNDARY_EVENT;
            }
            if (definition instanceof ErrorEventDefinition) {
                if (!(boundary.getAttachedTo() instanceof ServiceTask)) {
                    throw EngineException.invalid("Error boundary event '" + boundary.getId() + "' in process '"
                            + process.getId() + "' must be attached to a service task in the embedded engine");
                }
                return ElementType.ERROR_BOUNDARY_EVENT;
            }
            throw unsupported(resourceName, process, node, definition.getElementType().getTypeName());
        }
        if (node instanceof IntermediateCatchEvent catchEvent) {
            EventDefinition definition = singleDefinition(resourceName, process, catchEvent);
            if (definition instanceof MessageEventDefinition) return ElementType.MESSAGE_CATCH_EVENT;
            if (definition instanceof TimerEventDefinition timer) {
                requireNoCycle(resourceName, process, catchEvent, timer);
                return ElementType.TIMER_CATCH_EVENT;
            }
            throw unsupported(resourceName, process, node, definition.getElementType().getTypeName());
        }
        throw unsupported(resourceName, process, node, null);
    }

    private static Element toElement(FlowNode node, ElementType type) {
        List<Flow> outgoing = new ArrayList<>();
        for (SequenceFlow flow : node.getOutgoing()) {
            String condition = flow.getConditionExpression() == null ? null : flow.getConditionExpression().getTextContent().trim();
            outgoing.add(new Flow(flow.getId(), flow.getTarget().getId(), condition));
        }
        List<String> incoming = node.getIncoming().stream().map(SequenceFlow::getId).toList();
        String defaultFlow = node instanceof ExclusiveGateway gateway && gateway.getDefault() != null ? gateway.getDefault().getId() : null;

        String jobType = null;
        String retries = null;
        Map<String, String> headers = Map.of();
        ZeebeTaskDefinition taskDefinition = node.getSingleExtensionElement(ZeebeTaskDefinition.class);
        if (taskDefinition != null) {
            jobType = taskDefinition.getType();
            retries = taskDefinition.getRetries() == null ? "3" : taskDefinition.getRetries();
        }
        ZeebeTaskHeaders taskHeaders = node.getSingleExtensionElement(ZeebeTaskHeaders.class);
        if (taskHeaders != null) {
            Map<String, String> collected = new LinkedHashMap<>();
            taskHeaders.getHeaders().forEach(header -> collected.put(header.getKey(), header.getValue()));
            headers = collected;
        }
        List<Mapping> inputs = List.of();
        List<Mapping> outputs = List.of();
        ZeebeIoMapping ioMapping = node.getSingleExtensionElement(ZeebeIoMapping.class);
        if (ioMapping != null) {
            inputs = ioMapping.getInputs().stream().map(m -> new Mapping(m.getSource(), m.getTarget())).toList();
            outputs = ioMapping.getOutputs().stream().map(m -> new Mapping(m.getSource(), m.getTarget())).toList();
        }

        MessageDefinition message = null;
        TimerDefinition timer = null;
        String errorCode = null;
        String attachedTo = null;
        boolean interrupting = true;
        if (node instanceof ReceiveTask receiveTask) {
            message = messageOf(receiveTask.getMessage());
        }
        if (node instanceof CatchEvent catchEvent && !catchEvent.getEventDefinitions().isEmpty()) {
            EventDefinition definition = catchEvent.getEventDefinitions().iterator().next();
            if (definition instanceof MessageEventDefinition messageDefinition) message = messageOf(messageDefinition.getMessage());
            if (definition instanceof TimerEventDefinition timerDefinition) timer = timerOf(timerDefinition);
            if (definition instanceof ErrorEventDefinition errorDefinition && errorDefinition.getError() != null) {
                errorCode = errorDefinition.getError().getErrorCode();
            }
        }
        if (node instanceof BoundaryEvent boundary) {
            attachedTo = boundary.getAttachedTo().getId();
            interrupting = boundary.cancelActivity();
        }
        List<String> boundaryIds = new ArrayList<>();
        if (node instanceof Activity activity) {
            for (BoundaryEvent boundary : node.getModelInstance().getModelElementsByType(BoundaryEvent.class)) {
                if (boundary.getAttachedTo() == activity) boundaryIds.add(boundary.getId());
            }
        }
        return new Element(node.getId(), type, List.copyOf(outgoing), incoming, defaultFlow, jobType, retries,
                headers, inputs, outputs, message, timer, attachedTo, interrupting, errorCode, List.copyOf(boundaryIds));
    }

    private static MessageDefinition messageOf(Message message) {
        ZeebeSubscription subscription = message.getSingleExtensionElement(ZeebeSubscription.class);
        return new MessageDefinition(message.getName(), subscription.getCorrelationKey());
    }

    private static TimerDefinition timerOf(TimerEventDefinition definition) {
        if (definition.getTimeDuration() != null) {
            return new TimerDefinition(TimerKind.DURATION, definition.getTimeDuration().getTextContent().trim());
        }
        return new TimerDefinition(TimerKind.DATE, definition.getTimeDate().getTextContent().trim());
    }

    private static EventDefinition singleDefinition(String resourceName, Process process, CatchEvent event) {
        Collection<EventDefinition> definitions = event.getEventDefinitions();
        if (definitions.size() != 1) throw unsupported(resourceName, process, event, "without a single event definition");
        return definitions.iterator().next();
    }

    private static void requireNoEventDefinitions(String resourceName, Process process, FlowNode node, Collection<EventDefinition> definitions) {
        if (!definitions.isEmpty()) {
            throw unsupported(resourceName, process, node, definitions.iterator().next().getElementType().getTypeName());
        }
    }

    private static void requireNoCycle(String resourceName, Process process, FlowNode node, TimerEventDefinition timer) {
        if (timer.getTimeCycle() != null) throw unsupported(resourceName, process, node, "timeCycle");
    }

    private static EngineException unsupported(String resourceName, Process process, FlowElement element, String detail) {
        String type = element.getElementType().getTypeName() + (detail == null ? "" : " (" + detail + ")");
        return EngineException.invalid("Unsupported BPMN element '" + type + "' with id '" + element.getId() + "' in process '"
                + process.getId() + "' (resource '" + resourceName + "'). The embedded engine supports " + SUPPORTED + ".");
    }

    private static String describe(ValidationResults results) {
        StringBuilder text = new StringBuilder();
        results.getResults().forEach((element, list) -> {
            for (ValidationResult result : list) {
                if (result.getType() != ValidationResultType.ERROR) continue;
                if (!text.isEmpty()) text.append("; ");
                Object id = element.getAttributeValue("id");
                text.append(id == null ? element.getElementType().getTypeName() : id).append(": ").append(result.getMessage());
            }
        });
        return text.toString();
    }

    private static String firstLine(String message) {
        if (message == null) return "unreadable";
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
