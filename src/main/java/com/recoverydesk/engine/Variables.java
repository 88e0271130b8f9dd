package com.recoverydesk.engine;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Variable scopes of one command: the process instance scope (key = process instance key) and the local
 * scopes of element instances (created by input mappings or job variables). Documents are read once,
 * changed in memory and written back by {@link #flush()} just before the command commits.
 */
final class Variables {

    private final Tx tx;
    private final Map<Long, Map<String, Object>> loaded = new HashMap<>();
    private final Map<Long, Long> instanceOfScope = new HashMap<>();
    private final Set<Long> dirty = new HashSet<>();
    private final Set<Long> created = new HashSet<>();
    private final Set<Long> deleted = new HashSet<>();

    Variables(Tx tx) {
        this.tx = tx;
    }

    /** A scope's variables, or empty if the scope has none. The map is live: use {@link #set} to change it. */
    Map<String, Object> scope(long scopeKey) throws SQLException {
        Optional<Map<String, Object>> scope = find(scopeKey);
        return scope.orElse(Map.of());
    }

    boolean hasScope(long scopeKey) throws SQLException {
        return find(scopeKey).isPresent();
    }

    /** What FEEL sees from an element: the process variables, overlaid by the element's local ones. */
    Map<String, Object> visibleFrom(long instanceKey, long elementInstanceKey) throws SQLException {
        Map<String, Object> merged = new HashMap<>(scope(instanceKey));
        if (elementInstanceKey != instanceKey) merged.putAll(scope(elementInstanceKey));
        return merged;
    }

    void set(long instanceKey, long scopeKey, String name, Object value) throws SQLException {
        createScope(instanceKey, scopeKey).put(name, Json.normalize(value));
    }

    /** The scope's live map, created (empty) if it does not exist yet. */
    Map<String, Object> createScope(long instanceKey, long scopeKey) throws SQLException {
        Map<String, Object> scope = find(scopeKey).orElse(null);
        if (scope == null) {
            scope = new LinkedHashMap<>();
            loaded.put(scopeKey, scope);
            created.add(scopeKey); // flush deletes before it inserts, so a dropped and recreated scope works
            instanceOfScope.put(scopeKey, instanceKey);
        }
        dirty.add(scopeKey);
        return scope;
    }

    /**
     * Zeebe's propagation: a variable goes to the nearest scope that already has it (the element's own,
     * then the process), and to the process scope when none has it.
     */
    void propagate(long instanceKey, long elementInstanceKey, Map<String, Object> variables) throws SQLException {
        for (Map.Entry<String, Object> variable : variables.entrySet()) {
            boolean local = elementInstanceKey != instanceKey && scope(elementInstanceKey).containsKey(variable.getKey());
            set(instanceKey, local ? elementInstanceKey : instanceKey, variable.getKey(), variable.getValue());
        }
    }

    void setLocal(long instanceKey, long scopeKey, Map<String, Object> variables) throws SQLException {
        for (Map.Entry<String, Object> variable : variables.entrySet()) set(instanceKey, scopeKey, variable.getKey(), variable.getValue());
    }

    void deleteScope(long scopeKey) {
        loaded.put(scopeKey, null);
        dirty.remove(scopeKey);
        if (!created.remove(scopeKey)) deleted.add(scopeKey);
    }

    void flush() throws SQLException {
        for (Long scopeKey : deleted) {
            Db.update(tx.connection, "DELETE FROM engine_variable_scope WHERE scope_key = ?", scopeKey);
        }
        for (Long scopeKey : dirty) {
            String document = Json.write(loaded.get(scopeKey));
            if (created.contains(scopeKey)) {
                Db.update(tx.connection, "INSERT INTO engine_variable_scope (scope_key, instance_key, document) VALUES (?, ?, ?)",
                        scopeKey, instanceOfScope.get(scopeKey), document);
            } else {
                Db.update(tx.connection, "UPDATE engine_variable_scope SET document = ? WHERE scope_key = ?", document, scopeKey);
            }
        }
        deleted.clear();
        dirty.clear();
        created.clear();
    }

    private Optional<Map<String, Object>> find(long scopeKey) throws SQLException {
        if (loaded.containsKey(scopeKey)) return Optional.ofNullable(loaded.get(scopeKey));
        Optional<String> document = Db.queryOne(tx.connection, "SELECT document FROM engine_variable_scope WHERE scope_key = ?",
                rs -> rs.getString(1), scopeKey);
        Map<String, Object> scope = document.map(Json::readStored).orElse(null);
        loaded.put(scopeKey, scope);
        return Optional.ofNullable(scope);
    }
}
