package com.recoverydesk.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Variables travel as JSON objects (gRPC) and are stored as JSON documents; this is the one mapper. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};

    private Json() {}

    /** A JSON object from a client; empty text means no variables. Anything else is the client's mistake. */
    static Map<String, Object> parseObject(String json, String what) {
        if (json == null || json.isBlank()) return new LinkedHashMap<>();
        try {
            Object value = MAPPER.readValue(json, Object.class);
            if (!(value instanceof Map)) throw EngineException.invalid(what + " must be a JSON object");
            return MAPPER.convertValue(value, OBJECT);
        } catch (JsonProcessingException e) {
            throw EngineException.invalid(what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** A document written by the engine itself. */
    static Map<String, Object> readStored(String json) {
        try {
            return MAPPER.readValue(json, OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored variable document is not valid JSON", e);
        }
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(normalize(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("value cannot be written as JSON", e);
        }
    }

    /** FEEL answers with Java values (BigDecimal, java.time, maps, lists); keep only what JSON can hold. */
    static Object normalize(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) return value;
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), normalize(v)));
            return copy;
        }
        if (value instanceof Collection<?> collection) {
            ArrayList<Object> copy = new ArrayList<>();
            collection.forEach(v -> copy.add(normalize(v)));
            return copy;
        }
        if (value instanceof TemporalAccessor || value instanceof TemporalAmount) return value.toString();
        return value.toString();
    }
}
