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
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.ExtensionElements;
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
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.model.xml.validation.ValidationResult;
import org.camunda.bpm.model.xml.validation.ValidationResultType;
import org.camunda.bpm.model.xml.validation.ValidationResults;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Period;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns a BPMN resource into {@link ProcessModel}s. It runs the model API's schema validation and
 * Zeebe's design-time validators first (so a file accepted here also deploys on a real cluster), then
 * refuses, by type and id, every element outside the subset the engine implements.
 *
 * The rule (docs/engine.md, "Fidelity"): a deployment is executed as Zeebe executes it, or refused here
 * naming what is not supported; it never deploys and then runs differently. So the graph comes from each
 * sequence flow's sourceRef/targetRef, as Zeebe builds it (the optional {@code <incoming>}/{@code <outgoing>}
 * children are only cross-checked), and every optional or defaulted attribute the executor would read
 * differently from Zeebe is refused by name.
 */
final class BpmnCompiler {

    private static final String SUPPORTED = "none start/end events, service tasks, receive tasks, message and timer"
            + " intermediate catch events, timer and error boundary events, exclusive, parallel and event-based gateways";

    private static final String ZEEBE_NAMESPACE = "http://camunda.org/schema/zeebe/1.0";

    /** FEEL is parsed at deploy time, as Zeebe's deployment validation does; only parsing, never evaluation. */
    private static final FeelEngineApi FEEL = FeelEngineBuilder.forJava().build();

    private BpmnCompiler() {}

    static List<ProcessModel> compile(String resourceName, byte[] content) {
        BpmnModelInstance model;
        try {
            model = Bpmn.readModelFromStream(new ByteArrayInputStream(content));
            Bpmn.validateModel(model);
        } catch (RuntimeException e) {
            throw EngineException.invalid("Resource '" + resourceName + "' is not valid BPMN: " + firstLine(e.getMessage()));
        }
        ValidationResults results;
        try {
            results = model.validate(ZeebeDesignTimeValidators.VALIDATORS);
        } catch (RuntimeException e) {
            // a validator that trips over an unresolvable reference (e.g. <outgoing> naming no sequence flow) throws
            Throwable cause = e;
            while (cause.getCause() != null) cause = cause.getCause();
            throw EngineException.invalid("Resource '" + resourceName + "' is not valid BPMN: " + firstLine(cause.getMessage()));
        }
        if (results.hasErrors()) {
            throw EngineException.invalid("Resource '" + resourceName + "' fails Zeebe validation: " + describe(results));
        }
        List<ProcessModel> processes = new ArrayList<>();
        // Zeebe deploys the executable processes only (its validators demand at least one); the others are documentation.
        for (Process process : model.getModelElementsByType(Process.class)) {
            if (process.isExecutable()) processes.add(new ProcessCompiler(resourceName, process).compile());
        }
        if (processes.isEmpty()) {
            throw EngineException.invalid("Resource '" + resourceName + "' contains no executable process");
        }
        return processes;
    }

    /** One process: its nodes, the graph of its sequence flows, and the checks that need both. */
    private static final class ProcessCompiler {

        private final String resourceName;
        private final Process process;
        private final Map<String, FlowNode> nodes = new LinkedHashMap<>();
        private final Map<String, ElementType> types = new LinkedHashMap<>();
        /** In document order of the sequence flows: the order in which Zeebe evaluates a gateway's conditions. */
        private final Map<String, List<SequenceFlow>> outgoing = new LinkedHashMap<>();
        private final Map<String, List<SequenceFlow>> incoming = new LinkedHashMap<>();

        ProcessCompiler(String resourceName, Process process) {
            this.resourceName = resourceName;
            this.process = process;
        }

        ProcessModel compile() {
            requireOnlyZeebeExtensions(process, Set.of("properties", "versionTag"));
            List<SequenceFlow> flows = new ArrayList<>();
            String startEventId = null;
            for (FlowElement flowElement : process.getFlowElements()) {
                if (flowElement instanceof SequenceFlow flow) {
                    flows.add(flow);
                    continue;
                }
                if (!(flowElement instanceof FlowNode node)) throw unsupported(flowElement, null);
                ElementType type = classify(node);
                if (type == ElementType.START_EVENT) {
                    if (startEventId != null) {
                        throw invalid("has more than one start event; the embedded engine supports exactly one none start event");
                    }
                    startEventId = node.getId();
                }
                nodes.put(node.getId(), node);
                types.put(node.getId(), type);
                outgoing.put(node.getId(), new ArrayList<>());
                incoming.put(node.getId(), new ArrayList<>());
            }
            if (startEventId == null) throw invalid("has no none start event");
            for (SequenceFlow flow : flows) connect(flow);
            for (FlowNode node : nodes.values()) {
                requireChildrenAgree(node, "outgoing", node.getOutgoing(), outgoing.get(node.getId()), "sourceRef");
                requireChildrenAgree(node, "incoming", node.getIncoming(), incoming.get(node.getId()), "targetRef");
            }
            Map<String, Element> elements = new LinkedHashMap<>();
            for (FlowNode node : nodes.values()) {
                checkGraph(node, types.get(node.getId()));
                elements.put(node.getId(), toElement(node, types.get(node.getId())));
            }
            return new ProcessModel(process.getId(), startEventId, Map.copyOf(elements));
        }

        private void connect(SequenceFlow flow) {
            requireOnlyZeebeExtensions(flow, Set.of("properties"));
            FlowNode source = flow.getSource();
            FlowNode target = flow.getTarget();
            if (source == null || target == null || !nodes.containsKey(source.getId()) || !nodes.containsKey(target.getId())) {
                throw EngineException.invalid("Sequence flow '" + flow.getId() + "' in process '" + process.getId() + "' (resource '"
                        + resourceName + "') must connect two flow nodes of its own process by sourceRef and targetRef");
            }
            if (flow.getConditionExpression() != null && !(source instanceof ExclusiveGateway)) {
                // Zeebe's own rule, which its validator checks only through <outgoing> children
                throw EngineException.invalid("Sequence flow '" + flow.getId() + "' in process '" + process.getId() + "' has a condition but starts at '"
                        + source.getId() + "': conditional sequence flows are only supported at exclusive gateways");
            }
            if (flow.getConditionExpression() != null) requireFeel(flow, "condition", conditionOf(flow));
            outgoing.get(source.getId()).add(flow);
            incoming.get(target.getId()).add(flow);
        }

        /**
         * The optional children are not the graph, but a file whose children contradict its flows means
         * different things to different tools; refuse it instead of guessing which one the author meant.
         */
        private void requireChildrenAgree(FlowNode node, String child, Collection<SequenceFlow> listed, List<SequenceFlow> actual, String attribute) {
            if (listed.isEmpty()) return;
            Set<String> listedIds = listed.stream().map(SequenceFlow::getId).collect(Collectors.toCollection(TreeSet::new));
            Set<String> actualIds = actual.stream().map(SequenceFlow::getId).collect(Collectors.toCollection(TreeSet::new));
            if (!listedIds.equals(actualIds)) {
                throw EngineException.invalid("Flow node '" + node.getId() + "' in process '" + process.getId() + "' (resource '" + resourceName
                        + "') lists <" + child + "> sequence flows " + listedIds + ", but the sequence flows whose " + attribute + " is '"
                        + node.getId() + "' are " + actualIds + "; the engine follows sourceRef/targetRef as Zeebe does,"
                        + " so correct or remove the <" + child + "> elements");
            }
        }

        /** Rules Zeebe's validators check only through the optional children, checked here on the real graph. */
        private void checkGraph(FlowNode node, ElementType type) {
            List<SequenceFlow> out = outgoing.get(node.getId());
            List<SequenceFlow> in = incoming.get(node.getId());
            if ((type == ElementType.START_EVENT || node instanceof BoundaryEvent) && !in.isEmpty()) {
                throw invalidElement(node, "cannot have incoming sequence flows");
            }
            if (node instanceof Activity activity && activity.getDefault() != null) {
                throw invalidElement(node, "has a default flow; default flows are only supported at exclusive gateways");
            }
            if (node instanceof ExclusiveGateway gateway) {
                if (out.isEmpty()) throw invalidElement(node, "has no outgoing sequence flow; the embedded engine does not end a token at a gateway");
                if (out.size() > 1) {
                    for (SequenceFlow flow : out) {
                        if (flow.getConditionExpression() == null && !flow.equals(gateway.getDefault())) {
                            throw invalidElement(node, "has the outgoing sequence flow '" + flow.getId() + "' that has no condition and is not the default flow");
                        }
                    }
                }
            }
            if (node instanceof EventBasedGateway) {
                if (out.size() < 2) throw invalidElement(node, "must have at least 2 outgoing sequence flows");
                for (SequenceFlow flow : out) {
                    FlowNode target = flow.getTarget();
                    ElementType targetType = types.get(target.getId());
                    if (targetType != ElementType.MESSAGE_CATCH_EVENT && targetType != ElementType.TIMER_CATCH_EVENT) {
                        throw invalidElement(node, "has the outgoing sequence flow '" + flow.getId() + "' to '" + target.getId()
                                + "'; an event-based gateway may only lead to message and timer intermediate catch events");
                    }
                    if (incoming.get(target.getId()).size() != 1) {
                        throw invalidElement(target, "follows an event-based gateway and must have no other incoming sequence flow");
                    }
                    ZeebeIoMapping mapping = target.getSingleExtensionElement(ZeebeIoMapping.class);
                    if (mapping != null && !mapping.getInputs().isEmpty()) {
                        throw invalidElement(target, "follows an event-based gateway; input mappings on such events are not supported");
                    }
                }
            }
        }

        private ElementType classify(FlowNode node) {
            // an event definition given by reference (eventDefinitionRef) would leave the event looking like a none event
            if (node instanceof CatchEvent event && !event.getEventDefinitionRefs().isEmpty()) throw unsupported(node, "eventDefinitionRef");
            if (node instanceof ThrowEvent event && !event.getEventDefinitionRefs().isEmpty()) throw unsupported(node, "eventDefinitionRef");
            if (node instanceof Activity activity) {
                if (activity.getLoopCharacteristics() != null) throw unsupported(node, "multi-instance");
                if (activity.isForCompensation()) throw unsupported(node, "compensation handler");
            }
            if (node instanceof StartEvent start) {
                requireNoEventDefinitions(start, start.getEventDefinitions());
                requireOnlyZeebeExtensions(node, Set.of("ioMapping", "properties"));
                requireNoInputs(node);
                return ElementType.START_EVENT;
            }
            if (node instanceof EndEvent end) {
                requireNoEventDefinitions(end, end.getEventDefinitions());
                requireOnlyZeebeExtensions(node, Set.of("ioMapping", "properties"));
                requireNoInputs(node);
                return ElementType.END_EVENT;
            }
            if (node instanceof ThrowEvent) throw unsupported(node, null);
            if (node instanceof ServiceTask) {
                requireOnlyZeebeExtensions(node, Set.of("taskDefinition", "taskHeaders", "ioMapping", "properties"));
                return ElementType.SERVICE_TASK;
            }
            if (node instanceof ReceiveTask receiveTask) {
                if (receiveTask.instantiate()) throw unsupported(node, "instantiate");
                requireOnlyZeebeExtensions(node, Set.of("ioMapping", "properties"));
                return ElementType.RECEIVE_TASK;
            }
            if (node instanceof ExclusiveGateway) {
                requireOnlyZeebeExtensions(node, Set.of("properties"));
                return ElementType.EXCLUSIVE_GATEWAY;
            }
            if (node instanceof ParallelGateway) {
                requireOnlyZeebeExtensions(node, Set.of("properties"));
                return ElementType.PARALLEL_GATEWAY;
            }
            if (node instanceof EventBasedGateway) {
                requireOnlyZeebeExtensions(node, Set.of("properties"));
                return ElementType.EVENT_BASED_GATEWAY;
            }
            if (node instanceof BoundaryEvent boundary) {
                requireOnlyZeebeExtensions(node, Set.of("ioMapping", "properties"));
                requireNoInputs(node);
                if (boundary.getAttachedTo() == null || !process.equals(boundary.getAttachedTo().getParentElement())) {
                    throw invalidElement(node, "must be attached (attachedToRef) to an activity of its own process");
                }
                EventDefinition definition = singleDefinition(boundary);
                if (definition instanceof TimerEventDefinition timer) {
                    requireNoCycle(boundary, timer);
                    return ElementType.TIMER_BOUNDARY_EVENT;
                }
                if (definition instanceof ErrorEventDefinition) {
                    if (!(boundary.getAttachedTo() instanceof ServiceTask)) {
                        throw EngineException.invalid("Error boundary event '" + boundary.getId() + "' in process '"
                                + process.getId() + "' must be attached to a service task in the embedded engine");
                    }
                    if (!boundary.cancelActivity()) throw invalidElement(node, "is a non-interrupting error boundary event; error events always interrupt");
                    return ElementType.ERROR_BOUNDARY_EVENT;
                }
                throw unsupported(node, definition.getElementType().getTypeName());
            }
            if (node instanceof IntermediateCatchEvent catchEvent) {
                requireOnlyZeebeExtensions(node, Set.of("ioMapping", "properties"));
                EventDefinition definition = singleDefinition(catchEvent);
                if (definition instanceof MessageEventDefinition) return ElementType.MESSAGE_CATCH_EVENT;
                if (definition instanceof TimerEventDefinition timer) {
                    requireNoCycle(catchEvent, timer);
                    return ElementType.TIMER_CATCH_EVENT;
                }
                throw unsupported(node, definition.getElementType().getTypeName());
            }
            throw unsupported(node, null);
        }

        private Element toElement(FlowNode node, ElementType type) {
            List<Flow> flowsOut = new ArrayList<>();
            for (SequenceFlow flow : outgoing.get(node.getId())) {
                flowsOut.add(new Flow(flow.getId(), flow.getTarget().getId(), conditionOf(flow)));
            }
            List<String> flowsIn = incoming.get(node.getId()).stream().map(SequenceFlow::getId).toList();
            String defaultFlow = node instanceof ExclusiveGateway gateway && gateway.getDefault() != null ? gateway.getDefault().getId() : null;

            String jobType = null;
            String retries = null;
            Map<String, String> headers = Map.of();
            ZeebeTaskDefinition taskDefinition = node.getSingleExtensionElement(ZeebeTaskDefinition.class);
            if (taskDefinition != null) {
                jobType = taskDefinition.getType();
                requireFeel(node, "job type", jobType);
                retries = taskDefinition.getRetries() == null || taskDefinition.getRetries().isBlank() ? "3" : taskDefinition.getRetries().trim();
                if (Feel.isExpression(retries)) {
                    requireFeel(node, "job retries", retries);
                } else if (!retries.matches("\\d+")) {
                    throw invalidElement(node, "has job retries '" + retries + "', which is neither a number nor a FEEL expression");
                }
            }
            ZeebeTaskHeaders taskHeaders = node.getSingleExtensionElement(ZeebeTaskHeaders.class);
            if (taskHeaders != null) headers = headersOf(node, taskHeaders);
            List<Mapping> inputs = List.of();
            List<Mapping> outputs = List.of();
            ZeebeIoMapping ioMapping = node.getSingleExtensionElement(ZeebeIoMapping.class);
            if (ioMapping != null) {
                inputs = ioMapping.getInputs().stream().map(m -> mapping(node, "input", m.getSource(), m.getTarget())).toList();
                outputs = ioMapping.getOutputs().stream().map(m -> mapping(node, "output", m.getSource(), m.getTarget())).toList();
            }
            if (ioMapping != null && (type == ElementType.EXCLUSIVE_GATEWAY || type == ElementType.PARALLEL_GATEWAY
                    || type == ElementType.EVENT_BASED_GATEWAY)) {
                throw unsupported(node, "zeebe:ioMapping on a gateway");
            }

            MessageDefinition message = null;
            TimerDefinition timer = null;
            String errorCode = null;
            String attachedTo = null;
            boolean interrupting = true;
            if (node instanceof ReceiveTask receiveTask) {
                message = messageOf(node, receiveTask.getMessage());
            }
            if (node instanceof CatchEvent catchEvent && !catchEvent.getEventDefinitions().isEmpty()) {
                EventDefinition definition = catchEvent.getEventDefinitions().iterator().next();
                if (definition instanceof MessageEventDefinition messageDefinition) message = messageOf(node, messageDefinition.getMessage());
                if (definition instanceof TimerEventDefinition timerDefinition) timer = timerOf(node, timerDefinition);
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
                for (FlowNode candidate : nodes.values()) {
                    if (candidate instanceof BoundaryEvent boundary && activity.equals(boundary.getAttachedTo())) boundaryIds.add(boundary.getId());
                }
            }
            return new Element(node.getId(), type, List.copyOf(flowsOut), flowsIn, defaultFlow, jobType, retries,
                    headers, inputs, outputs, message, timer, attachedTo, interrupting, errorCode, List.copyOf(boundaryIds));
        }

        /**
         * As Zeebe's transformer: a header without key or value is left out (a client's header map never
         * holds null); a key given twice has no single meaning, so it is refused.
         */
        private Map<String, String> headersOf(FlowNode node, ZeebeTaskHeaders taskHeaders) {
            Map<String, String> collected = new LinkedHashMap<>();
            for (ZeebeHeader header : taskHeaders.getHeaders()) {
                if (header.getKey() == null || header.getKey().isEmpty() || header.getValue() == null || header.getValue().isEmpty()) continue;
                if (collected.put(header.getKey(), header.getValue()) != null) {
                    throw invalidElement(node, "has the task header '" + header.getKey() + "' more than once");
                }
            }
            return Map.copyOf(collected);
        }

        private Mapping mapping(FlowNode node, String kind, String source, String target) {
            if (target == null || target.isBlank()) throw invalidElement(node, "has an " + kind + " mapping without a target");
            requireFeel(node, kind + " mapping to '" + target + "'", source);
            return new Mapping(source, target);
        }

        private MessageDefinition messageOf(FlowNode node, Message message) {
            // Zeebe's validators demand the reference, a name and one subscription; the correlation key is checked here
            if (message == null) throw invalidElement(node, "must reference a message");
            requireOnlyZeebeExtensions(message, Set.of("subscription"));
            ZeebeSubscription subscription = message.getSingleExtensionElement(ZeebeSubscription.class);
            if (subscription == null || subscription.getCorrelationKey() == null || subscription.getCorrelationKey().isBlank()) {
                throw invalidElement(node, "waits for the message '" + message.getId() + "', which has no correlation key");
            }
            requireFeel(node, "message name", message.getName());
            requireFeel(node, "correlation key", subscription.getCorrelationKey());
            return new MessageDefinition(message.getName(), subscription.getCorrelationKey().trim());
        }

        /** Static timer values are checked now (Zeebe refuses a bad one at deployment); FEEL ones when the timer starts. */
        private TimerDefinition timerOf(FlowNode node, TimerEventDefinition definition) {
            TimerKind kind = definition.getTimeDuration() != null ? TimerKind.DURATION : TimerKind.DATE;
            String expression = (kind == TimerKind.DURATION ? definition.getTimeDuration() : definition.getTimeDate()).getTextContent().trim();
            if (Feel.isExpression(expression)) {
                requireFeel(node, "timer", expression);
            } else {
                try {
                    if (kind == TimerKind.DATE) {
                        ZonedDateTime.parse(expression);
                    } else {
                        try {
                            Duration.parse(expression);
                        } catch (DateTimeParseException e) {
                            Period.parse(expression);
                        }
                    }
                } catch (DateTimeParseException e) {
                    throw invalidElement(node, "has the timer '" + expression + "', which is not an ISO 8601 "
                            + (kind == TimerKind.DATE ? "date and time with offset or zone" : "duration (PnDTnHnMnS or PnYnMnD)"));
                }
            }
            return new TimerDefinition(kind, expression);
        }

        private void requireFeel(BaseElement element, String what, String text) {
            if (!Feel.isExpression(text)) return;
            ParseResult result = FEEL.parseExpression(text.substring(1));
            if (result.isFailure()) {
                throw invalidElement(element, "has the " + what + " '" + text + "', which is not a valid FEEL expression: "
                        + firstLine(result.failure().message()));
            }
        }

        private void requireNoInputs(FlowNode node) {
            ZeebeIoMapping mapping = node.getSingleExtensionElement(ZeebeIoMapping.class);
            if (mapping != null && !mapping.getInputs().isEmpty()) {
                throw unsupported(node, "input mappings on " + node.getElementType().getTypeName());
            }
        }

        /**
         * Zeebe extension elements this engine does not implement (execution listeners, linked resources,
         * forms…) would change what runs; they are refused. Other namespaces are ignored, as Zeebe ignores them.
         */
        private void requireOnlyZeebeExtensions(BaseElement element, Set<String> allowed) {
            ExtensionElements extensions = element.getExtensionElements();
            if (extensions == null) return;
            for (ModelElementInstance extension : extensions.getElements()) {
                DomElement dom = extension.getDomElement();
                if (ZEEBE_NAMESPACE.equals(dom.getNamespaceURI()) && !allowed.contains(dom.getLocalName())) {
                    throw unsupported(element, "zeebe:" + dom.getLocalName());
                }
            }
        }

        private EventDefinition singleDefinition(CatchEvent event) {
            Collection<EventDefinition> definitions = event.getEventDefinitions();
            if (definitions.size() != 1) throw unsupported(event, "without a single event definition");
            return definitions.iterator().next();
        }

        private void requireNoEventDefinitions(FlowNode node, Collection<EventDefinition> definitions) {
            if (!definitions.isEmpty()) throw unsupported(node, definitions.iterator().next().getElementType().getTypeName());
        }

        private void requireNoCycle(FlowNode node, TimerEventDefinition timer) {
            if (timer.getTimeCycle() != null) throw unsupported(node, "timeCycle");
        }

        private EngineException unsupported(BaseElement element, String detail) {
            String type = element.getElementType().getTypeName() + (detail == null ? "" : " (" + detail + ")");
            return EngineException.invalid("Unsupported BPMN element '" + type + "' with id '" + element.getId() + "' in process '"
                    + process.getId() + "' (resource '" + resourceName + "'). The embedded engine supports " + SUPPORTED + ".");
        }

        private EngineException invalidElement(BaseElement element, String problem) {
            return EngineException.invalid(capitalised(element.getElementType().getTypeName()) + " '" + element.getId() + "' in process '"
                    + process.getId() + "' (resource '" + resourceName + "') " + problem);
        }

        private EngineException invalid(String problem) {
            return EngineException.invalid("Process '" + process.getId() + "' in '" + resourceName + "' " + problem);
        }
    }

    private static String conditionOf(SequenceFlow flow) {
        return flow.getConditionExpression() == null ? null : flow.getConditionExpression().getTextContent().trim();
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String describe(ValidationResults results) {
        StringBuilder text = new StringBuilder();
        results.getResults().forEach((element, list) -> {
            for (ValidationResult result : list) {
                if (result.getType() != ValidationResultType.ERROR) continue;
                if (!text.isEmpty()) text.append("; ");
                // definitions without an id (a timer's, a message's subscription) are named by the element holding them
                ModelElementInstance named = element;
                while (named.getAttributeValue("id") == null && named.getParentElement() != null) named = named.getParentElement();
                Object id = named.getAttributeValue("id");
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
