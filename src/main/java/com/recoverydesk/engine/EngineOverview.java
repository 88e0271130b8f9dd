package com.recoverydesk.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Read-only view of what runs in the embedded engine, for an operations screen: active instances with
 * the elements they wait at, and open incidents. (On a real cluster Operate or the REST search API play
 * this part; acting on what is shown — retry, cancel — goes through the Camunda client either way.)
 */
public final class EngineOverview {

    public record ProcessInstanceView(long key, String bpmnProcessId, int version, Instant startedAt, List<String> waitingAt) {}

    /** {@code jobRetries} is the job's retries now (null for an incident without a job, or when the job is gone). */
    public record IncidentView(long key, long processInstanceKey, String elementId, Long jobKey, String errorType,
                               String errorMessage, Instant createdAt, Integer jobRetries) {}

    private static final String INCIDENT_COLUMNS = "SELECT i.incident_key, i.instance_key, i.element_id, i.job_key, i.error_type,"
            + " i.error_message, i.created_at, j.retries FROM engine_incident i LEFT JOIN engine_job j ON j.job_key = i.job_key";

    private static final String ACTIVE_INSTANCES =
            "SELECT instance_key, bpmn_process_id, version, started_at FROM engine_process_instance WHERE state = 'ACTIVE'";

    private final Db db;

    EngineOverview(Db db) {
        this.db = db;
    }

    /** Active instances, oldest first, with the ids of the elements where their tokens wait. */
    public List<ProcessInstanceView> activeInstances(int limit) {
        return db.withConnection(connection -> {
            List<ProcessInstanceView> instances = new ArrayList<>();
            for (ProcessInstanceView instance : Db.query(connection, ACTIVE_INSTANCES + " ORDER BY started_at, instance_key LIMIT ?",
                    EngineOverview::instance, limit)) {
                instances.add(withWaitingAt(connection, instance));
            }
            return instances;
        });
    }

    /** The instance with this key if it is active, with the elements where its tokens wait. */
    public Optional<ProcessInstanceView> activeInstance(long instanceKey) {
        return db.withConnection(connection -> {
            Optional<ProcessInstanceView> found = Db.queryOne(connection, ACTIVE_INSTANCES + " AND instance_key = ?",
                    EngineOverview::instance, instanceKey);
            return found.isPresent() ? Optional.of(withWaitingAt(connection, found.get())) : found;
        });
    }

    /** The open incidents of one instance, oldest first. */
    public List<IncidentView> openIncidentsOf(long instanceKey) {
        return db.withConnection(connection -> Db.query(connection,
                INCIDENT_COLUMNS + " WHERE i.instance_key = ? ORDER BY i.created_at, i.incident_key", EngineOverview::incident, instanceKey));
    }

    public List<IncidentView> openIncidents(int limit) {
        return db.withConnection(connection -> Db.query(connection,
                INCIDENT_COLUMNS + " ORDER BY i.created_at, i.incident_key LIMIT ?", EngineOverview::incident, limit));
    }

    /** The open incident with this key, if there is one (an operator acting on it wants to know its instance). */
    public Optional<IncidentView> openIncident(long incidentKey) {
        return db.withConnection(connection -> Db.queryOne(connection,
                INCIDENT_COLUMNS + " WHERE i.incident_key = ?", EngineOverview::incident, incidentKey));
    }

    private static IncidentView incident(ResultSet rs) throws SQLException {
        return new IncidentView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, Long.class), rs.getString(5),
                rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)), rs.getObject(8, Integer.class));
    }

    /** A row of {@link #ACTIVE_INSTANCES}, without its waiting elements yet. */
    private static ProcessInstanceView instance(ResultSet rs) throws SQLException {
        return new ProcessInstanceView(rs.getLong(1), rs.getString(2), rs.getInt(3), Instant.ofEpochMilli(rs.getLong(4)), List.of());
    }

    private static ProcessInstanceView withWaitingAt(Connection connection, ProcessInstanceView instance) throws SQLException {
        return new ProcessInstanceView(instance.key(), instance.bpmnProcessId(), instance.version(), instance.startedAt(),
                waitingAt(connection, instance.key()));
    }

    private static List<String> waitingAt(Connection connection, long instanceKey) throws SQLException {
        return Db.query(connection, "SELECT element_id FROM engine_element_instance WHERE instance_key = ? ORDER BY element_instance_key",
                rs -> rs.getString(1), instanceKey);
    }
}
