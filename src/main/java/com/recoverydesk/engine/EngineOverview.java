package com.recoverydesk.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-only view of what runs in the embedded engine, for an operations screen: active instances with
 * the elements they wait at, and open incidents. (On a real cluster Operate or the REST search API play
 * this part; acting on what is shown — retry, cancel — goes through the Camunda client either way.)
 */
public final class EngineOverview {

    public record ProcessInstanceView(long key, String bpmnProcessId, int version, Instant startedAt, List<String> waitingAt) {}

    public record IncidentView(long key, long processInstanceKey, String elementId, Long jobKey, String errorType,
                               String errorMessage, Instant createdAt) {}

    private final Db db;

    EngineOverview(Db db) {
        this.db = db;
    }

    /** Active instances, oldest first, with the ids of the elements where their tokens wait. */
    public List<ProcessInstanceView> activeInstances(int limit) {
        return db.withConnection(connection -> {
            List<ProcessInstanceView> instances = new ArrayList<>();
            for (ProcessInstanceView instance : Db.query(connection,
                    "SELECT instance_key, bpmn_process_id, version, started_at FROM engine_process_instance WHERE state = 'ACTIVE'"
                            + " ORDER BY started_at, instance_key LIMIT ?",
                    rs -> new ProcessInstanceView(rs.getLong(1), rs.getString(2), rs.getInt(3), Instant.ofEpochMilli(rs.getLong(4)), List.of()),
                    limit)) {
                instances.add(new ProcessInstanceView(instance.key(), instance.bpmnProcessId(), instance.version(), instance.startedAt(),
                        waitingAt(connection, instance.key())));
            }
            return instances;
        });
    }

    public List<IncidentView> openIncidents(int limit) {
        return db.withConnection(connection -> Db.query(connection,
                "SELECT incident_key, instance_key, element_id, job_key, error_type, error_message, created_at FROM engine_incident"
                        + " ORDER BY created_at, incident_key LIMIT ?",
                rs -> new IncidentView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, Long.class), rs.getString(5),
                        rs.getString(6), Instant.ofEpochMilli(rs.getLong(7))), limit));
    }

    private static List<String> waitingAt(Connection connection, long instanceKey) throws SQLException {
        return Db.query(connection, "SELECT element_id FROM engine_element_instance WHERE instance_key = ? ORDER BY element_instance_key",
                rs -> rs.getString(1), instanceKey);
    }
}
