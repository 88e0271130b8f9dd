package com.recoverydesk.process;

import com.recoverydesk.engine.EngineOverview;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the embedded engine is running and what is stuck, in the port's own terms: the orchestrator
 * and the admin screens read it here and never reach into the engine package (LayeringTest). The
 * gateway API cannot list instances (on a real cluster, Operate does), so every answer is empty in
 * remote mode.
 */
@ApplicationScoped
public class ProcessInspection {

    public record Instance(long key, String bpmnProcessId, int version, Instant startedAt, List<String> waitingAt) {}

    public record Incident(long key, long processInstanceKey, String elementId, String errorType, String errorMessage,
                           Long jobKey, Integer jobRetries, Instant createdAt) {}

    /** At most {@code limit} of each, as the engine listed them. */
    public record Listing(List<Instance> instances, List<Incident> incidents) {}

    private final ProcessEngine engine;

    public ProcessInspection(ProcessEngine engine) {
        this.engine = engine;
    }

    public Optional<Listing> list(int limit) {
        return engine.overview().map(overview -> new Listing(
                overview.activeInstances(limit).stream().map(ProcessInspection::instance).toList(),
                overview.openIncidents(limit).stream().map(ProcessInspection::incident).toList()));
    }

    /** One instance and its open incidents; the instance list is empty when it is not active. Empty in remote mode. */
    public Optional<Listing> listOne(long instanceKey) {
        return engine.overview().map(overview -> new Listing(
                overview.activeInstance(instanceKey).map(ProcessInspection::instance).stream().toList(),
                overview.openIncidentsOf(instanceKey).stream().map(ProcessInspection::incident).toList()));
    }

    /** Empty when the incident is not open or in remote mode, where the engine cannot be asked. */
    public Optional<Incident> openIncident(long incidentKey) {
        return engine.overview().flatMap(o -> o.openIncident(incidentKey)).map(ProcessInspection::incident);
    }

    private static Instance instance(EngineOverview.ProcessInstanceView i) {
        return new Instance(i.key(), i.bpmnProcessId(), i.version(), i.startedAt(), i.waitingAt());
    }

    private static Incident incident(EngineOverview.IncidentView i) {
        return new Incident(i.key(), i.processInstanceKey(), i.elementId(), i.errorType(), i.errorMessage(), i.jobKey(),
                i.jobRetries(), i.createdAt());
    }
}
