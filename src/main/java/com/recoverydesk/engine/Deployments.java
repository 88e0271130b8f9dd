package com.recoverydesk.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Process definitions: stored as BPMN XML, compiled once per JVM and cached by definition key.
 * Deploying an unchanged resource again returns the existing version, as Zeebe does, so that an
 * application can deploy its BPMN at every start-up.
 */
final class Deployments {

    record Definition(long key, String bpmnProcessId, int version, String resourceName, ProcessModel model) {}

    private record Stored(long key, int version, String resourceName, String checksum) {}

    private final Keys keys;
    private final Map<Long, Definition> cache = new ConcurrentHashMap<>();

    Deployments(Keys keys) {
        this.keys = keys;
    }

    /**
     * Deploys the resources of one deployment in the caller's transaction and gives the deployment its own
     * key. The caller serialises deployments (versions are numbered one after the other per process id).
     */
    Engine.Deployment deploy(Tx tx, List<Engine.Resource> resources) throws SQLException {
        long deploymentKey = keys.next();
        Map<String, String> resourceOfProcess = new HashMap<>();
        List<Engine.DeployedProcess> deployed = new ArrayList<>();
        for (Engine.Resource resource : resources) {
            Optional<List<Engine.DeployedProcess>> unchanged = unchangedLatest(tx, resource);
            if (unchanged.isPresent()) {
                // deployed before, byte for byte, and still the latest of its processes: the application deploys its BPMN
                // at every start, and compiling it again (BPMN model, FEEL) would cost the start-up about a second
                for (Engine.DeployedProcess process : unchanged.get()) {
                    String earlier = resourceOfProcess.putIfAbsent(process.bpmnProcessId(), resource.name());
                    if (earlier != null) {
                        throw EngineException.invalid("Duplicated process id '" + process.bpmnProcessId() + "' in resources '" + earlier
                                + "' and '" + resource.name() + "' of one deployment");
                    }
                }
                deployed.addAll(unchanged.get());
                continue;
            }
            for (ProcessModel model : BpmnCompiler.compile(resource.name(), resource.content())) {
                // Zeebe refuses one deployment that holds a process id twice; here it would become two versions at once
                String earlier = resourceOfProcess.putIfAbsent(model.bpmnProcessId(), resource.name());
                if (earlier != null) {
                    throw EngineException.invalid("Duplicated process id '" + model.bpmnProcessId() + "' in resources '" + earlier
                            + "' and '" + resource.name() + "' of one deployment");
                }
                Definition definition = deploy(tx, resource.name(), resource.content(), model);
                deployed.add(new Engine.DeployedProcess(definition.key(), definition.bpmnProcessId(), definition.version(), resource.name()));
            }
        }
        return new Engine.Deployment(deploymentKey, List.copyOf(deployed));
    }

    /**
     * The processes of a resource deployed before under the same name with the same bytes, if each is still its
     * process's latest version (the same bytes hold the same processes, so the earlier rows name them all).
     */
    private Optional<List<Engine.DeployedProcess>> unchangedLatest(Tx tx, Engine.Resource resource) throws SQLException {
        String checksum = sha256(resource.content());
        List<String> processIds = Db.query(tx.connection,
                "SELECT DISTINCT bpmn_process_id FROM engine_process_definition WHERE resource_name = ? AND checksum = ?",
                rs -> rs.getString(1), resource.name(), checksum);
        if (processIds.isEmpty()) return Optional.empty();
        List<Engine.DeployedProcess> unchanged = new ArrayList<>();
        for (String processId : processIds) {
            Optional<Stored> latest = Db.queryOne(tx.connection,
                    "SELECT definition_key, version, resource_name, checksum FROM engine_process_definition WHERE bpmn_process_id = ? ORDER BY version DESC LIMIT 1",
                    rs -> new Stored(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4)), processId);
            if (latest.isEmpty() || !latest.get().checksum().equals(checksum) || !latest.get().resourceName().equals(resource.name())) {
                return Optional.empty();
            }
            unchanged.add(new Engine.DeployedProcess(latest.get().key(), processId, latest.get().version(), resource.name()));
        }
        return Optional.of(unchanged);
    }

    /** An unchanged resource under the same name is the latest version again, as Zeebe's duplicate check has it. */
    private Definition deploy(Tx tx, String resourceName, byte[] content, ProcessModel model) throws SQLException {
        String checksum = sha256(content);
        Optional<Stored> latest = Db.queryOne(tx.connection,
                "SELECT definition_key, version, resource_name, checksum FROM engine_process_definition WHERE bpmn_process_id = ? ORDER BY version DESC LIMIT 1",
                rs -> new Stored(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4)), model.bpmnProcessId());
        if (latest.isPresent() && latest.get().checksum().equals(checksum) && latest.get().resourceName().equals(resourceName)) {
            Definition existing = new Definition(latest.get().key(), model.bpmnProcessId(), latest.get().version(), resourceName, model);
            cache.putIfAbsent(existing.key(), existing); // compiled already: the first instance need not compile it again
            return existing;
        }
        int version = latest.map(stored -> stored.version() + 1).orElse(1);
        long key = keys.next();
        Db.update(tx.connection, "INSERT INTO engine_process_definition (definition_key, bpmn_process_id, version, resource_name, checksum, bpmn_xml, deployed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", key, model.bpmnProcessId(), version, resourceName, checksum,
                new String(content, StandardCharsets.UTF_8), tx.now);
        return new Definition(key, model.bpmnProcessId(), version, resourceName, model);
    }

    Optional<Definition> byKey(Connection connection, long key) throws SQLException {
        Definition cached = cache.get(key);
        if (cached != null) return Optional.of(cached);
        Optional<Definition> loaded = Db.queryOne(connection,
                "SELECT definition_key, bpmn_process_id, version, resource_name, bpmn_xml FROM engine_process_definition WHERE definition_key = ?",
                rs -> load(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5)), key);
        loaded.ifPresent(definition -> cache.put(key, definition));
        return loaded;
    }

    Optional<Definition> latest(Connection connection, String bpmnProcessId) throws SQLException {
        Optional<Long> key = Db.queryOne(connection,
                "SELECT definition_key FROM engine_process_definition WHERE bpmn_process_id = ? ORDER BY version DESC LIMIT 1",
                rs -> rs.getLong(1), bpmnProcessId);
        return key.isPresent() ? byKey(connection, key.get()) : Optional.empty();
    }

    Optional<Definition> byVersion(Connection connection, String bpmnProcessId, int version) throws SQLException {
        Optional<Long> key = Db.queryOne(connection,
                "SELECT definition_key FROM engine_process_definition WHERE bpmn_process_id = ? AND version = ?",
                rs -> rs.getLong(1), bpmnProcessId, version);
        return key.isPresent() ? byKey(connection, key.get()) : Optional.empty();
    }

    private static Definition load(long key, String bpmnProcessId, int version, String resourceName, String xml) {
        for (ProcessModel model : BpmnCompiler.compile(resourceName, xml.getBytes(StandardCharsets.UTF_8))) {
            if (model.bpmnProcessId().equals(bpmnProcessId)) return new Definition(key, bpmnProcessId, version, resourceName, model);
        }
        throw new IllegalStateException("stored definition " + key + " no longer contains process " + bpmnProcessId);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
