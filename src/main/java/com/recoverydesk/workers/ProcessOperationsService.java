package com.recoverydesk.workers;

import com.recoverydesk.audit.Actor;
import com.recoverydesk.audit.AuditTrail;
import com.recoverydesk.cases.CaseProgress;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.identity.Roles;
import com.recoverydesk.process.EngineConfig;
import com.recoverydesk.process.OutboxStore;
import com.recoverydesk.process.ProcessEngine;
import com.recoverydesk.process.ProcessInspection;
import com.recoverydesk.web.ProblemException;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.FinalCommandStep;
import io.grpc.Status;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The administrator's operations on the process engine (DESIGN.md §1): what runs and what is stuck,
 * retrying an incident and cancelling an instance. Listing needs the embedded engine's overview (the
 * gateway API cannot list; on a cluster, Operate does); acting goes through the Camunda client, so it
 * works the same on a real cluster. Every action that changed something is audited.
 */
@ApplicationScoped
public class ProcessOperationsService {

    /** Retries a job gets back when an administrator retries its incident: a few tries, not an endless loop. */
    public static final int RETRIES_AFTER_INCIDENT = 3;
    /** Rows the screen shows of each list; an operator with more than this needs Operate-like search, not a page. */
    static final int LIST_LIMIT = 200;
    /** Shorter than the client's default: an administrator is waiting for the answer. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(ProcessOperationsService.class);

    public record EngineStatusView(String mode, String gateway, boolean deployed, long pendingOutboxCommands) {}

    public record InstanceView(long key, String processId, int version, Instant startedAt, List<String> waitingAt,
                               String caseId, String ticketRef) {}

    public record IncidentView(long key, long processInstanceKey, String elementId, String errorType, String errorMessage,
                               Long jobKey, Integer jobRetries, Instant createdAt, String caseId, String ticketRef) {}

    /** {@code truncated}: there may be more than {@link #LIST_LIMIT} of either. */
    public record ProcessesView(List<InstanceView> instances, List<IncidentView> incidents, boolean truncated) {}

    private record CaseRef(String caseId, String ticketRef) {}

    private final ProcessEngine engine;
    private final EngineConfig config;
    private final CamundaClient client;
    private final OutboxStore outbox;
    private final AuditTrail audit;
    private final CaseProgress caseProgress;
    /** What the embedded engine runs, read through the port (the orchestrator does not touch the engine package). */
    private final ProcessInspection inspection;

    public ProcessOperationsService(ProcessEngine engine, EngineConfig config, CamundaClient client, OutboxStore outbox, AuditTrail audit,
                                    CaseProgress caseProgress, ProcessInspection inspection) {
        this.caseProgress = caseProgress;
        this.inspection = inspection;
        this.engine = engine;
        this.config = config;
        this.client = client;
        this.outbox = outbox;
        this.audit = audit;
    }

    public EngineStatusView status() {
        String gateway = engine.embeddedPort().map(port -> "127.0.0.1:" + port)
                .orElseGet(() -> config.grpcAddress().map(ProcessOperationsService::hostAndPort).orElse("not configured"));
        return new EngineStatusView(engine.isEmbedded() ? "embedded" : "remote", gateway, engine.isDeployed(), outbox.pendingCount());
    }

    /** Active instances and open incidents, with the case each belongs to; empty in remote mode. */
    public Optional<ProcessesView> processes() {
        return inspection.list(LIST_LIMIT).map(listing -> viewOf(listing,
                listing.instances().size() == LIST_LIMIT || listing.incidents().size() == LIST_LIMIT));
    }

    /**
     * The instance of one case, if it is active, and its open incidents, found by the case's ticket
     * reference: the full list shows only the oldest {@value #LIST_LIMIT}. Empty in remote mode.
     *
     * @throws ProblemException 404 when no case has this reference
     */
    public Optional<ProcessesView> processesOfCase(String ticketRef) {
        RecoveryCase found = QuarkusTransaction.requiringNew().call(() -> RecoveryCase.<RecoveryCase>find("ticketRef", ticketRef).firstResult());
        if (found == null) {
            throw new ProblemException(404, "No such case", "No case has the ticket " + ticketRef + ".");
        }
        if (found.processInstanceKey == null) { // its process has not started yet (the outbox still holds the start)
            return engine.isEmbedded() ? Optional.of(new ProcessesView(List.of(), List.of(), false)) : Optional.empty();
        }
        return inspection.listOne(found.processInstanceKey).map(listing -> viewOf(listing, false));
    }

    private static ProcessesView viewOf(ProcessInspection.Listing listing, boolean truncated) {
        List<ProcessInspection.Instance> instances = listing.instances();
        List<ProcessInspection.Incident> incidents = listing.incidents();
        Map<Long, CaseRef> cases = casesOf(Stream.concat(instances.stream().map(ProcessInspection.Instance::key),
                incidents.stream().map(ProcessInspection.Incident::processInstanceKey)).toList());
        return new ProcessesView(
                instances.stream().map(i -> {
                    CaseRef ref = cases.get(i.key());
                    return new InstanceView(i.key(), i.bpmnProcessId(), i.version(), i.startedAt(), i.waitingAt(),
                            ref == null ? null : ref.caseId(), ref == null ? null : ref.ticketRef());
                }).toList(),
                incidents.stream().map(i -> {
                    CaseRef ref = cases.get(i.processInstanceKey());
                    return new IncidentView(i.key(), i.processInstanceKey(), i.elementId(), i.errorType(), i.errorMessage(), i.jobKey(),
                            i.jobRetries(), i.createdAt(), ref == null ? null : ref.caseId(), ref == null ? null : ref.ticketRef());
                }).toList(),
                truncated);
    }

    /**
     * Gives the incident's job {@value #RETRIES_AFTER_INCIDENT} retries (when it has a job) and resolves
     * the incident, so that the job runs again.
     *
     * @param jobKey the incident's job; null for an incident without one (it is only resolved)
     * @throws ProblemException with a message for the administrator when the engine refuses or cannot be reached
     */
    public void retryIncident(String adminUsername, long incidentKey, Long jobKey) {
        // known only on the embedded engine; on a cluster the audit entry carries the keys alone
        Optional<ProcessInspection.Incident> incident = inspection.openIncident(incidentKey);
        if (incident.isPresent() && !Objects.equals(incident.get().jobKey(), jobKey)) {
            throw ProblemException.badRequest("The job key does not match incident " + incidentKey + ". Nothing was changed.");
        }
        Long instanceKey = incident.map(ProcessInspection.Incident::processInstanceKey).orElse(null);
        String caseId = instanceKey == null ? null : caseIdOf(instanceKey);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("incidentKey", keyText(incidentKey));
        if (jobKey != null) {
            send(client.newUpdateRetriesCommand(jobKey).retries(RETRIES_AFTER_INCIDENT),
                    "There is no job " + jobKey + ": it may have completed, or its instance ended. Nothing was changed.");
            details.put("jobKey", keyText(jobKey));
            details.put("retries", RETRIES_AFTER_INCIDENT);
        }
        if (instanceKey != null) {
            details.put("processInstanceKey", keyText(instanceKey));
        }
        try {
            send(client.newResolveIncidentCommand(incidentKey),
                    "There is no open incident " + incidentKey + ": it was resolved already, or its instance ended.");
        } catch (ProblemException resolveRefused) {
            if (jobKey != null) {
                // the retries were raised all the same: that change is audited, and the message says so
                details.put("incidentResolved", false);
                audit.record(Actor.staff(adminUsername, Roles.ADMIN), "admin.incident-retried", caseId, details);
                throw new ProblemException(resolveRefused.status(), resolveRefused.title(),
                        resolveRefused.getMessage() + " Job " + jobKey + " has " + RETRIES_AFTER_INCIDENT + " retries now.");
            }
            throw resolveRefused;
        }
        details.put("incidentResolved", true);
        audit.record(Actor.staff(adminUsername, Roles.ADMIN), "admin.incident-retried", caseId, details);
        LOG.infof("Incident %d retried by an administrator (job %s)", incidentKey, jobKey);
    }

    /**
     * Cancels the instance for good, the administrator's last resort for an instance that cannot go
     * on. Its case closes as CANCELLED (out of the queues and the backlog) and the requester is told
     * the reason, which the administrator must give.
     */
    public void cancelInstance(String adminUsername, long instanceKey, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw ProblemException.badRequest("Give the reason for cancelling (at most 500 characters): the requester reads it.");
        }
        send(client.newCancelInstanceCommand(instanceKey),
                "There is no active process instance " + instanceKey + ": it ended or was cancelled already.");
        String caseId = caseIdOf(instanceKey);
        boolean caseClosed = caseId != null && caseProgress.cancelByDesk(caseId, reason.strip());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("processInstanceKey", keyText(instanceKey));
        details.put("caseClosed", caseClosed);
        audit.record(Actor.staff(adminUsername, Roles.ADMIN), "admin.instance-cancelled", caseId, details);
        LOG.infof("Process instance %d cancelled by an administrator", instanceKey);
    }

    private void send(FinalCommandStep<?> command, String notFoundMessage) {
        try {
            command.requestTimeout(COMMAND_TIMEOUT).send().join();
        } catch (ClientStatusException refused) {
            throw refusal(refused.getStatusCode(), notFoundMessage);
        } catch (ClientException unreachable) {
            LOG.warnf("Process engine command failed: %s", unreachable.getClass().getSimpleName());
            throw engineUnavailable();
        }
    }

    /** What the administrator reads; the engine's own text stays in the log, as it may name internals. */
    private static ProblemException refusal(Status.Code code, String notFoundMessage) {
        return switch (code) {
            case NOT_FOUND -> new ProblemException(409, "Nothing to do", notFoundMessage);
            case FAILED_PRECONDITION -> new ProblemException(409, "Not possible now",
                    "The engine refused: the job needs retries before its incident can be resolved. Enter the job key as well.");
            case INVALID_ARGUMENT -> ProblemException.badRequest("The engine refused the keys as invalid.");
            case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, CANCELLED -> engineUnavailable();
            case UNAUTHENTICATED, PERMISSION_DENIED -> new ProblemException(503, "Engine access refused",
                    "The process engine refused this service's credentials. Check the engine client configuration.");
            default -> {
                LOG.warnf("Process engine answered %s to an administrator's command", code);
                yield new ProblemException(502, "Engine error", "The process engine answered " + code + ". Nothing may have changed; look again.");
            }
        };
    }

    private static ProblemException engineUnavailable() {
        return new ProblemException(503, "Engine unavailable",
                "The process engine cannot be reached right now. Nothing was changed; try again in a moment.");
    }

    private static Map<Long, CaseRef> casesOf(Collection<Long> instanceKeys) {
        Set<Long> keys = new TreeSet<>(instanceKeys);
        if (keys.isEmpty()) {
            return Map.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<Long, CaseRef> cases = new HashMap<>();
            RecoveryCase.<RecoveryCase>list("processInstanceKey in ?1", keys)
                    .forEach(c -> cases.put(c.processInstanceKey, new CaseRef(c.id, c.ticketRef)));
            return cases;
        });
    }

    private static String caseIdOf(long instanceKey) {
        return casesOf(List.of(instanceKey)).values().stream().map(CaseRef::caseId).findFirst().orElse(null);
    }

    /** Keys as text: a cluster's 64-bit keys exceed what JSON readers in JavaScript hold exactly. */
    private static String keyText(long key) {
        return Long.toString(key);
    }

    /** Only host and port: an address could carry credentials in its user part. */
    private static String hostAndPort(URI address) {
        if (address.getHost() == null) {
            return "configured";
        }
        return address.getHost() + (address.getPort() > 0 ? ":" + address.getPort() : "");
    }
}
