package com.recoverydesk.engine;

import com.recoverydesk.engine.Deployments.Definition;
import com.recoverydesk.engine.ProcessModel.Element;
import com.recoverydesk.engine.ProcessModel.ElementType;
import com.recoverydesk.engine.ProcessModel.Flow;
import com.recoverydesk.engine.ProcessModel.Mapping;
import com.recoverydesk.engine.ProcessModel.TimerDefinition;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves the tokens of process instances inside one command's transaction. A command hands it a trigger
 * (start, job completed, timer fired, message correlated, error thrown, incident resolved); the executor
 * then follows the sequence flows until every token rests in a wait state, is consumed by an end event,
 * or is stuck on an incident. {@link #finish()} completes instances without tokens and writes variables.
 *
 * Tokens that wait are rows of engine_element_instance; elements that do not wait (events passed through,
 * exclusive and parallel gateways) leave no row unless they raise an incident.
 */
final class ProcessExecutor {

    enum ElementState { ACTIVATING, ACTIVE, COMPLETING }

    record Instance(long key, Definition definition) {
        ProcessModel model() {
            return definition.model();
        }
    }

    record ElementInstance(long key, long instanceKey, String elementId, ElementState state) {}

    record Job(long key, String type, String state, long instanceKey, long elementInstanceKey, String elementId,
               long definitionKey, int retries) {}

    record Timer(long key, long instanceKey, long ownerKey, String elementId) {}

    record Subscription(long key, long instanceKey, long ownerKey, String elementId, String bpmnProcessId,
                        String messageName, String correlationKey) {}

    record Incident(long key, long instanceKey, long elementInstanceKey, String elementId, Long jobKey, String errorType) {}

    private record Token(Instance instance, String elementId, String viaFlowId) {}

    private final Tx tx;
    private final Keys keys;
    private final Feel feel;
    final Variables variables;
    private final Deque<Token> tokens = new ArrayDeque<>();
    private final Map<Long, Instance> touched = new LinkedHashMap<>();
    /** Instances that entered a wait state in this command: certainly not finished. */
    private final java.util.Set<Long> instancesStillWaiting = new java.util.HashSet<>();

    ProcessExecutor(Tx tx, Keys keys, Feel feel) {
        this.tx = tx;
        this.keys = keys;
        this.feel = feel;
        this.variables = new Variables(tx);
    }

    // ---- triggers -------------------------------------------------------------------------------

    long startInstance(long key, Definition definition, Map<String, Object> startVariables) throws SQLException {
        Db.update(tx.connection, "INSERT INTO engine_process_instance (instance_key, definition_key, bpmn_process_id, version, state, started_at)"
                + " VALUES (?, ?, ?, ?, 'ACTIVE', ?)", key, definition.key(), definition.bpmnProcessId(), definition.version(), tx.now);
        Instance instance = new Instance(key, definition);
        // the process scope always exists, so that SetVariables on the instance key has a target
        variables.createScope(key, key);
        variables.setLocal(key, key, startVariables);
        enter(instance, definition.model().startEventId(), null);
        return key;
    }

    void completeJob(Instance instance, Job job, Map<String, Object> jobVariables) throws SQLException {
        Db.updateOne(tx.connection, "DELETE FROM engine_job WHERE job_key = ?", job.key());
        ElementInstance task = elementInstance(job.elementInstanceKey()).orElseThrow();
        completeWaiting(instance, task, jobVariables);
    }

    /** ThrowError: the innermost matching error boundary catches it (a code match first, then a catch-all); else an incident. */
    void throwError(Instance instance, Job job, String errorCode, String errorMessage, Map<String, Object> errorVariables) throws SQLException {
        ElementInstance task = elementInstance(job.elementInstanceKey()).orElseThrow();
        Element taskElement = instance.model().element(task.elementId());
        Element catchAll = null;
        Element match = null;
        for (String boundaryId : taskElement.boundaryEventIds()) {
            Element boundary = instance.model().element(boundaryId);
            if (boundary.type() != ElementType.ERROR_BOUNDARY_EVENT) continue;
            if (boundary.errorCode() == null || boundary.errorCode().isEmpty()) catchAll = catchAll == null ? boundary : catchAll;
            else if (boundary.errorCode().equals(errorCode)) match = match == null ? boundary : match;
        }
        Element boundary = match != null ? match : catchAll;
        if (boundary != null) {
            terminate(instance, task);
            passThrough(instance, boundary, errorVariables);
            return;
        }
        Db.update(tx.connection, "UPDATE engine_job SET state = 'ERROR_THROWN', deadline = NULL, worker = NULL, error_message = ? WHERE job_key = ?",
                truncate(errorMessage), job.key());
        raiseIncident(instance, task, job.key(), "UNHANDLED_ERROR_EVENT",
                "An error with code '" + errorCode + "' was thrown but not caught: no error boundary event matches it."
                        + (errorMessage == null || errorMessage.isEmpty() ? "" : " Error message: " + errorMessage));
    }

    void fireTimer(Instance instance, Timer timer) throws SQLException {
        Db.updateOne(tx.connection, "DELETE FROM engine_timer WHERE timer_key = ?", timer.key());
        Optional<ElementInstance> owner = elementInstance(timer.ownerKey());
        if (owner.isEmpty()) return; // the owner moved on in the same instant; nothing to trigger
        Element event = instance.model().element(timer.elementId());
        triggerEvent(instance, owner.get(), event, Map.of());
    }

    void correlateMessage(Instance instance, Subscription subscription, Map<String, Object> messageVariables) throws SQLException {
        Db.updateOne(tx.connection, "DELETE FROM engine_message_subscription WHERE subscription_key = ?", subscription.key());
        Optional<ElementInstance> owner = elementInstance(subscription.ownerKey());
        if (owner.isEmpty()) return;
        Element event = instance.model().element(subscription.elementId());
        triggerEvent(instance, owner.get(), event, messageVariables);
    }

    void resolveElementIncident(Instance instance, Incident incident) throws SQLException {
        Db.update(tx.connection, "DELETE FROM engine_incident WHERE incident_key = ?", incident.key());
        ElementInstance element = elementInstance(incident.elementInstanceKey()).orElseThrow();
        touched.put(instance.key(), instance);
        if (element.state() == ElementState.COMPLETING) {
            completeWaiting(instance, element, Map.of());
        } else {
            activateRecorded(instance, element);
        }
        run();
    }

    void cancel(Instance instance) throws SQLException {
        for (String table : List.of("engine_element_instance", "engine_job", "engine_timer", "engine_message_subscription",
                "engine_join_token", "engine_incident", "engine_variable_scope")) {
            Db.update(tx.connection, "DELETE FROM " + table + " WHERE instance_key = ?", instance.key());
        }
        Db.update(tx.connection, "UPDATE engine_process_instance SET state = 'CANCELED', ended_at = ? WHERE instance_key = ?", tx.now, instance.key());
    }

    /** Variables set from outside (SetVariables): local to the element, or propagated like job variables. */
    void setVariables(long instanceKey, long scopeKey, Map<String, Object> newVariables, boolean local) throws SQLException {
        if (local) variables.setLocal(instanceKey, scopeKey, newVariables);
        else variables.propagate(instanceKey, scopeKey, newVariables);
    }

    /** Runs the remaining tokens, completes instances that have none left and writes the variables. */
    void finish() throws SQLException {
        run();
        for (Instance instance : touched.values()) {
            if (instancesStillWaiting.contains(instance.key())) continue;
            long tokensLeft = Db.queryLong(tx.connection, "SELECT (SELECT COUNT(*) FROM engine_element_instance WHERE instance_key = ?)"
                    + " + (SELECT COUNT(*) FROM engine_join_token WHERE instance_key = ?)", instance.key(), instance.key());
            if (tokensLeft == 0) {
                Db.update(tx.connection, "UPDATE engine_process_instance SET state = 'COMPLETED', ended_at = ? WHERE instance_key = ? AND state = 'ACTIVE'",
                        tx.now, instance.key());
                variables.deleteScope(instance.key());
                Db.update(tx.connection, "DELETE FROM engine_variable_scope WHERE instance_key = ? AND scope_key <> ?", instance.key(), instance.key());
            }
        }
        variables.flush();
    }

    // ---- token movement ---------------------------------------------------------------------------

    private void enter(Instance instance, String elementId, String viaFlowId) {
        touched.put(instance.key(), instance);
        tokens.add(new Token(instance, elementId, viaFlowId));
    }

    private void run() throws SQLException {
        while (!tokens.isEmpty()) {
            Token token = tokens.poll();
            activate(token.instance(), token.instance().model().element(token.elementId()), token.viaFlowId());
        }
    }

    private void activate(Instance instance, Element element, String viaFlowId) throws SQLException {
        switch (element.type()) {
            case START_EVENT -> passThrough(instance, element, Map.of());
            case END_EVENT -> applyOutputsAndPropagate(instance, element, Map.of());
            case PARALLEL_GATEWAY -> arriveAtParallelGateway(instance, element, viaFlowId);
            case EXCLUSIVE_GATEWAY -> chooseExclusiveFlow(instance, element, null);
            default -> activateWaitState(instance, new ElementInstance(keys.next(), instance.key(), element.id(), ElementState.ACTIVATING), false);
        }
    }

    /** Retries the activation of an element that is stuck on an incident. */
    private void activateRecorded(Instance instance, ElementInstance recorded) throws SQLException {
        Element element = instance.model().element(recorded.elementId());
        if (element.type() == ElementType.EXCLUSIVE_GATEWAY) chooseExclusiveFlow(instance, element, recorded);
        else activateWaitState(instance, recorded, true);
    }

    /** Enters a wait state: the row is written once the plan is known, as ACTIVE, or as ACTIVATING with an incident. */
    private void activateWaitState(Instance instance, ElementInstance recorded, boolean rowExists) throws SQLException {
        Element element = instance.model().element(recorded.elementId());
        instancesStillWaiting.add(instance.key());
        WaitPlan plan;
        try {
            plan = planWait(instance, element);
        } catch (Feel.Failure failure) {
            if (!rowExists) insertElementInstance(recorded, element, ElementState.ACTIVATING);
            raiseIncident(instance, recorded, null, "EXTRACT_VALUE_ERROR", "Element '" + element.id() + "': " + failure.getMessage());
            return;
        }
        if (rowExists) {
            Db.update(tx.connection, "UPDATE engine_element_instance SET state = 'ACTIVE' WHERE element_instance_key = ?", recorded.key());
        } else {
            insertElementInstance(recorded, element, ElementState.ACTIVE);
        }
        if (!plan.locals().isEmpty()) variables.setLocal(instance.key(), recorded.key(), plan.locals());
        if (plan.jobType() != null) createJob(instance, recorded, element, plan);
        for (PlannedSubscription subscription : plan.subscriptions()) openSubscription(instance, recorded, subscription);
        for (PlannedTimer timer : plan.timers()) scheduleTimer(instance, recorded, timer);
    }

    private void insertElementInstance(ElementInstance recorded, Element element, ElementState state) throws SQLException {
        Db.update(tx.connection, "INSERT INTO engine_element_instance (element_instance_key, instance_key, element_id, element_type, state, activated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", recorded.key(), recorded.instanceKey(), element.id(), element.type().name(), state.name(), tx.now);
    }

    private record PlannedSubscription(String elementId, String messageName, String correlationKey) {}

    private record PlannedTimer(String elementId, long dueAt) {}

    private record WaitPlan(Map<String, Object> locals, String jobType, int retries, List<PlannedSubscription> subscriptions,
                            List<PlannedTimer> timers) {}

    /** Evaluates every expression a wait state needs before anything is written, so a failure leaves nothing half-done. */
    private WaitPlan planWait(Instance instance, Element element) throws SQLException {
        Map<String, Object> context = new HashMap<>(variables.scope(instance.key()));
        Map<String, Object> locals = new LinkedHashMap<>();
        for (Mapping input : element.inputs()) {
            Object value = feel.evaluate(input.source(), context);
            putPath(locals, input.target(), value);
            context.putAll(locals);
        }
        String jobType = null;
        int retries = 0;
        List<PlannedSubscription> subscriptions = new ArrayList<>();
        List<PlannedTimer> timers = new ArrayList<>();
        switch (element.type()) {
            case SERVICE_TASK -> {
                jobType = asText(feel.evaluate(element.jobType(), context), "job type");
                retries = asInt(feel.evaluate(element.jobRetries(), context), "job retries");
            }
            case RECEIVE_TASK, MESSAGE_CATCH_EVENT -> subscriptions.add(planSubscription(element, context));
            case TIMER_CATCH_EVENT -> timers.add(new PlannedTimer(element.id(), dueAt(element.timer(), context)));
            case EVENT_BASED_GATEWAY -> {
                for (Flow flow : element.outgoing()) {
                    Element event = instance.model().element(flow.targetId());
                    if (event.type() == ElementType.TIMER_CATCH_EVENT) timers.add(new PlannedTimer(event.id(), dueAt(event.timer(), context)));
                    else subscriptions.add(planSubscription(event, context));
                }
            }
            default -> throw new IllegalStateException(element.type() + " does not wait");
        }
        for (String boundaryId : element.boundaryEventIds()) {
            Element boundary = instance.model().element(boundaryId);
            if (boundary.type() == ElementType.TIMER_BOUNDARY_EVENT) timers.add(new PlannedTimer(boundary.id(), dueAt(boundary.timer(), context)));
        }
        return new WaitPlan(locals, jobType, retries, subscriptions, timers);
    }

    private PlannedSubscription planSubscription(Element element, Map<String, Object> context) {
        String name = asText(feel.evaluate(element.message().name(), context), "message name");
        Object key = feel.evaluate(element.message().correlationKey(), context);
        if (!(key instanceof String) && !(key instanceof Number)) {
            throw new Feel.Failure("failed to extract the correlation key for '" + element.id() + "': expected a string or number but found "
                    + Feel.typeName(key));
        }
        String correlationKey = key instanceof BigDecimal decimal ? decimal.stripTrailingZeros().toPlainString() : key.toString();
        return new PlannedSubscription(element.id(), name, correlationKey);
    }

    private void createJob(Instance instance, ElementInstance task, Element element, WaitPlan plan) throws SQLException {
        Map<String, Object> headers = new LinkedHashMap<>(element.taskHeaders());
        Db.update(tx.connection, "INSERT INTO engine_job (job_key, job_type, state, instance_key, element_instance_key, element_id, definition_key,"
                        + " bpmn_process_id, version, retries, custom_headers, activatable_at, created_at) VALUES (?, ?, 'ACTIVATABLE', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                keys.next(), plan.jobType(), instance.key(), task.key(), element.id(), instance.definition().key(), instance.definition().bpmnProcessId(),
                instance.definition().version(), plan.retries(), Json.write(headers), tx.now, tx.now);
        tx.jobTypesReady.add(plan.jobType());
    }

    private void openSubscription(Instance instance, ElementInstance owner, PlannedSubscription planned) throws SQLException {
        long key = keys.next();
        Db.update(tx.connection, "INSERT INTO engine_message_subscription (subscription_key, instance_key, owner_key, element_id, bpmn_process_id,"
                        + " message_name, correlation_key, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                key, instance.key(), owner.key(), planned.elementId(), instance.definition().bpmnProcessId(), planned.messageName(),
                planned.correlationKey(), tx.now);
        tx.openedSubscriptions.add(key);
    }

    private void scheduleTimer(Instance instance, ElementInstance owner, PlannedTimer planned) throws SQLException {
        Db.update(tx.connection, "INSERT INTO engine_timer (timer_key, instance_key, owner_key, element_id, due_at) VALUES (?, ?, ?, ?, ?)",
                keys.next(), instance.key(), owner.key(), planned.elementId(), planned.dueAt());
        tx.timerScheduled(planned.dueAt());
    }

    /** A timer or message arrived for an event that belongs to a waiting element instance. */
    private void triggerEvent(Instance instance, ElementInstance owner, Element event, Map<String, Object> eventVariables) throws SQLException {
        touched.put(instance.key(), instance);
        if (owner.elementId().equals(event.id())) {
            completeWaiting(instance, owner, eventVariables); // receive task, message or timer catch event
        } else if (event.type() == ElementType.TIMER_BOUNDARY_EVENT && !event.interrupting()) {
            passThrough(instance, event, eventVariables);
        } else {
            terminate(instance, owner); // interrupting boundary event, or the event-based gateway whose race this event won
            passThrough(instance, event, eventVariables);
        }
        run();
    }

    /**
     * Completes an element that waited. With output mappings, the incoming variables become local to the
     * element and only the mappings' results reach the process; without, they propagate.
     */
    private void completeWaiting(Instance instance, ElementInstance waiting, Map<String, Object> incoming) throws SQLException {
        touched.put(instance.key(), instance);
        Element element = instance.model().element(waiting.elementId());
        if (element.outputs().isEmpty()) {
            variables.propagate(instance.key(), waiting.key(), incoming);
        } else {
            variables.setLocal(instance.key(), waiting.key(), incoming);
            Map<String, Object> results;
            try {
                results = evaluateOutputs(instance, element, variables.visibleFrom(instance.key(), waiting.key()));
            } catch (Feel.Failure failure) {
                Db.update(tx.connection, "UPDATE engine_element_instance SET state = 'COMPLETING' WHERE element_instance_key = ?", waiting.key());
                raiseIncident(instance, waiting, null, "IO_MAPPING_ERROR", "Element '" + element.id() + "': " + failure.getMessage());
                return;
            }
            variables.setLocal(instance.key(), instance.key(), results);
        }
        removeElementInstance(instance, waiting);
        takeOutgoing(instance, element);
    }

    /** An event or start event that does not wait: apply its output mappings and move on. */
    private void passThrough(Instance instance, Element element, Map<String, Object> eventVariables) throws SQLException {
        if (applyOutputsAndPropagate(instance, element, eventVariables)) takeOutgoing(instance, element);
    }

    private boolean applyOutputsAndPropagate(Instance instance, Element element, Map<String, Object> eventVariables) throws SQLException {
        if (element.outputs().isEmpty()) {
            variables.propagate(instance.key(), instance.key(), eventVariables);
            return true;
        }
        // With output mappings the event needs a scope of its own (and a row, should a mapping fail).
        ElementInstance recorded = new ElementInstance(keys.next(), instance.key(), element.id(), ElementState.ACTIVE);
        Db.update(tx.connection, "INSERT INTO engine_element_instance (element_instance_key, instance_key, element_id, element_type, state, activated_at)"
                + " VALUES (?, ?, ?, ?, 'ACTIVE', ?)", recorded.key(), instance.key(), element.id(), element.type().name(), tx.now);
        completeWaiting(instance, recorded, eventVariables);
        return false;
    }

    private void chooseExclusiveFlow(Instance instance, Element gateway, ElementInstance recorded) throws SQLException {
        Map<String, Object> context = variables.scope(instance.key());
        Flow chosen = null;
        String failure = null;
        try {
            for (Flow flow : gateway.outgoing()) {
                if (flow.id().equals(gateway.defaultFlowId())) continue;
                if (flow.condition() == null || feel.evaluateCondition(flow.condition(), context)) {
                    chosen = flow;
                    break;
                }
            }
            if (chosen == null && gateway.defaultFlowId() != null) {
                chosen = gateway.outgoing().stream().filter(f -> f.id().equals(gateway.defaultFlowId())).findFirst().orElseThrow();
            }
            if (chosen == null) failure = "no outgoing sequence flow's condition is fulfilled and there is no default flow";
        } catch (Feel.Failure e) {
            failure = e.getMessage();
        }
        if (failure != null) {
            if (recorded == null) {
                recorded = new ElementInstance(keys.next(), instance.key(), gateway.id(), ElementState.ACTIVATING);
                Db.update(tx.connection, "INSERT INTO engine_element_instance (element_instance_key, instance_key, element_id, element_type, state, activated_at)"
                        + " VALUES (?, ?, ?, ?, 'ACTIVATING', ?)", recorded.key(), instance.key(), gateway.id(), gateway.type().name(), tx.now);
            }
            raiseIncident(instance, recorded, null, "CONDITION_ERROR", "Exclusive gateway '" + gateway.id() + "': " + failure);
            return;
        }
        if (recorded != null) removeElementInstance(instance, recorded);
        enter(instance, chosen.targetId(), chosen.id());
    }

    /** Fork: one token per outgoing flow. Join: wait until a token has arrived on every incoming flow. */
    private void arriveAtParallelGateway(Instance instance, Element gateway, String viaFlowId) throws SQLException {
        if (gateway.incomingFlowIds().size() > 1) {
            Db.update(tx.connection, "INSERT INTO engine_join_token (token_key, instance_key, gateway_id, sequence_flow_id) VALUES (?, ?, ?, ?)",
                    keys.next(), instance.key(), gateway.id(), viaFlowId);
            long arrivedFlows = Db.queryLong(tx.connection,
                    "SELECT COUNT(DISTINCT sequence_flow_id) FROM engine_join_token WHERE instance_key = ? AND gateway_id = ?", instance.key(), gateway.id());
            if (arrivedFlows < gateway.incomingFlowIds().size()) {
                instancesStillWaiting.add(instance.key());
                return;
            }
            for (String flowId : gateway.incomingFlowIds()) {
                long oldest = Db.queryLong(tx.connection,
                        "SELECT MIN(token_key) FROM engine_join_token WHERE instance_key = ? AND gateway_id = ? AND sequence_flow_id = ?",
                        instance.key(), gateway.id(), flowId);
                Db.update(tx.connection, "DELETE FROM engine_join_token WHERE token_key = ?", oldest);
            }
        }
        for (Flow flow : gateway.outgoing()) enter(instance, flow.targetId(), flow.id());
    }

    private void takeOutgoing(Instance instance, Element element) {
        for (Flow flow : element.outgoing()) enter(instance, flow.targetId(), flow.id());
    }

    // ---- bookkeeping ------------------------------------------------------------------------------

    private void raiseIncident(Instance instance, ElementInstance element, Long jobKey, String errorType, String message) throws SQLException {
        Db.update(tx.connection, "INSERT INTO engine_incident (incident_key, instance_key, element_instance_key, element_id, job_key, error_type,"
                        + " error_message, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                keys.next(), instance.key(), element.key(), element.elementId(), jobKey, errorType, truncate(message), tx.now);
    }

    /** Removes a waiting element and everything it waits for (job, timers, subscriptions, incidents, local variables). */
    private void terminate(Instance instance, ElementInstance element) throws SQLException {
        Db.update(tx.connection, "DELETE FROM engine_job WHERE element_instance_key = ?", element.key());
        Db.update(tx.connection, "DELETE FROM engine_incident WHERE element_instance_key = ?", element.key());
        removeElementInstance(instance, element);
    }

    private void removeElementInstance(Instance instance, ElementInstance element) throws SQLException {
        Element definition = instance.model().element(element.elementId());
        // a plain service task owns no timers or subscriptions: spare the two statements on the hot path
        if (definition.type() != ElementType.SERVICE_TASK || !definition.boundaryEventIds().isEmpty()) {
            Db.update(tx.connection, "DELETE FROM engine_timer WHERE owner_key = ?", element.key());
            // a timer of this element that gave up left an incident: it goes with the timer
            Db.update(tx.connection, "DELETE FROM engine_incident WHERE element_instance_key = ? AND timer_key IS NOT NULL", element.key());
            Db.update(tx.connection, "DELETE FROM engine_message_subscription WHERE owner_key = ?", element.key());
        }
        Db.updateOne(tx.connection, "DELETE FROM engine_element_instance WHERE element_instance_key = ?", element.key());
        variables.deleteScope(element.key());
    }

    Optional<ElementInstance> elementInstance(long key) throws SQLException {
        return Db.queryOne(tx.connection, "SELECT element_instance_key, instance_key, element_id, state FROM engine_element_instance WHERE element_instance_key = ?",
                rs -> new ElementInstance(rs.getLong(1), rs.getLong(2), rs.getString(3), ElementState.valueOf(rs.getString(4))), key);
    }

    private Map<String, Object> evaluateOutputs(Instance instance, Element element, Map<String, Object> context) throws SQLException {
        Map<String, Object> processScope = variables.scope(instance.key());
        Map<String, Object> results = new LinkedHashMap<>();
        for (Mapping output : element.outputs()) {
            Object value = feel.evaluate(output.source(), context);
            String root = output.target().contains(".") ? output.target().substring(0, output.target().indexOf('.')) : output.target();
            // a nested target ("a.b") merges into the process's existing object a
            if (!results.containsKey(root) && processScope.get(root) instanceof Map<?, ?> existing) results.put(root, deepCopy(existing));
            putPath(results, output.target(), value);
        }
        return results;
    }

    @SuppressWarnings("unchecked")
    private static void putPath(Map<String, Object> target, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> current = target;
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = current.get(parts[i]);
            if (!(next instanceof Map)) {
                next = new LinkedHashMap<String, Object>();
                current.put(parts[i], next);
            }
            current = (Map<String, Object>) next;
        }
        current.put(parts[parts.length - 1], Json.normalize(value));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<?, ?> map) {
        return (Map<String, Object>) Json.normalize(map);
    }

    private long dueAt(TimerDefinition timer, Map<String, Object> context) {
        Object value = feel.evaluate(timer.expression(), context);
        try {
            return switch (timer.kind()) {
                case DURATION -> tx.now + durationMillis(value);
                case DATE -> dateMillis(value);
            };
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new Feel.Failure("failed to evaluate timer '" + timer.expression() + "': not an ISO 8601 " + timer.kind().name().toLowerCase());
        }
    }

    private long durationMillis(Object value) {
        if (value instanceof Duration duration) return duration.toMillis();
        if (value instanceof Period period) return periodMillis(period);
        if (value instanceof String text) {
            String trimmed = text.trim();
            try {
                return Duration.parse(trimmed).toMillis();
            } catch (DateTimeParseException e) {
                return periodMillis(Period.parse(trimmed));
            }
        }
        throw new Feel.Failure("expected a duration but found " + Feel.typeName(value));
    }

    private long periodMillis(Period period) {
        Instant now = Instant.ofEpochMilli(tx.now);
        return ZonedDateTime.ofInstant(now, ZoneOffset.UTC).plus(period).toInstant().toEpochMilli() - tx.now;
    }

    private static long dateMillis(Object value) {
        if (value instanceof ZonedDateTime date) return date.toInstant().toEpochMilli();
        if (value instanceof OffsetDateTime date) return date.toInstant().toEpochMilli();
        if (value instanceof LocalDateTime date) return date.toInstant(ZoneOffset.UTC).toEpochMilli();
        if (value instanceof String text) return ZonedDateTime.parse(text.trim()).toInstant().toEpochMilli();
        throw new Feel.Failure("expected a date and time but found " + Feel.typeName(value));
    }

    private static String asText(Object value, String what) {
        if (value instanceof String text && !text.isBlank()) return text;
        throw new Feel.Failure("expected the " + what + " to be a non-empty string but found " + Feel.typeName(value));
    }

    private static int asInt(Object value, String what) {
        if (value instanceof Number number) return number.intValue();
        if (value instanceof String text) {
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new Feel.Failure("expected the " + what + " to be a number");
            }
        }
        throw new Feel.Failure("expected the " + what + " to be a number but found " + Feel.typeName(value));
    }

    static String truncate(String message) {
        if (message == null) return null;
        return message.length() <= 4000 ? message : message.substring(0, 4000);
    }
}
