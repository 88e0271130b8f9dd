package com.recoverydesk.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
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

    private final Keys keys;
    private final Map<Long, Definition> cache = new ConcurrentHashMap<>();

    Deployments(Keys keys) {
        this.keys = keys;
    }

    /** The caller serialises deployments (versions are numbered one after the other per process id). */
    List<Definition> deploy(Tx tx, String resourceName, byte[] content) throws SQLException {
        List<ProcessModel> models = BpmnCompiler.compile(resourceName, content);
        String checksum = sha256(content);
        String xml = new String(content, StandardCharsets.UTF_8);
        List<Definition> deployed = new ArrayList<>();
        for (ProcessModel model : models) {
            Optional<long[]> latest = Db.queryOne(tx.connection,
                    "SELECT definition_key, version FROM engine_process_definition WHERE bpmn_process_id = ? ORDER BY version DESC LIMIT 1",
                    rs -> new long[] {rs.getLong(1), rs.getLong(2)}, model.bpmnProcessId());
            if (latest.isPresent()) {
                String latestChecksum = Db.queryOne(tx.connection,
                        "SELECT checksum FROM engine_process_definition WHERE definition_key = ?", rs -> rs.getString(1), latest.get()[0]).orElse("");
                if (latestChecksum.equals(checksum)) {
                    deployed.add(new Definition(latest.get()[0], model.bpmnProcessId(), (int) latest.get()[1], resourceName, model));
                    continue;
                }
            }
            int version = latest.map(row -> (int) row[1] + 1).orElse(1);
            long key = keys.next();
            Db.update(tx.connection, "INSERT INTO engine_process_definition (definition_key, bpmn_process_id, version, resource_name, checksum, bpmn_xml, deployed_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", key, model.bpmnProcessId(), version, resourceName, checksum, xml, tx.now);
            Definition definition = new Definition(key, model.bpmnProcessId(), version, resourceName, model);
            deployed.add(definition);
        }
        return deployed;
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
