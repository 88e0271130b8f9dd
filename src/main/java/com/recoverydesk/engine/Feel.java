package com.recoverydesk.engine;

import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;
import org.camunda.feel.syntaxtree.ParsedExpression;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates Zeebe-style expressions: text starting with '=' is FEEL, evaluated against the variables in
 * scope; any other text is a static string. Parsed expressions are cached because the same few
 * expressions of a process run over and over.
 */
final class Feel {

    /** An expression that could not be evaluated; becomes an incident on the element. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    private final FeelEngineApi engine = FeelEngineBuilder.forJava().build();
    private final Map<String, ParsedExpression> parsed = new ConcurrentHashMap<>();

    static boolean isExpression(String text) {
        return text != null && text.startsWith("=");
    }

    Object evaluate(String text, Map<String, Object> variables) {
        if (!isExpression(text)) return text;
        ParsedExpression expression = parsed.computeIfAbsent(text, this::parse);
        EvaluationResult result = engine.evaluate(expression, variables);
        if (result.isFailure()) {
            throw new Failure("failed to evaluate expression '" + text + "': " + withoutValues(result.failure().message()));
        }
        return result.result();
    }

    /** FEEL for conditions: anything but boolean true (null included) means the flow is not taken. */
    boolean evaluateCondition(String text, Map<String, Object> variables) {
        Object value = evaluate(text, variables);
        if (value == null || value instanceof Boolean) return Boolean.TRUE.equals(value);
        throw new Failure("expected condition '" + text + "' to give a boolean, but it gave " + typeName(value));
    }

    private ParsedExpression parse(String text) {
        ParseResult result = engine.parseExpression(text.substring(1));
        if (result.isFailure()) throw new Failure("failed to parse expression '" + text + "': " + result.failure().message());
        return result.parsedExpression();
    }

    /** FEEL quotes the offending values (ValString(...)); incident texts must not carry variable contents. */
    private static String withoutValues(String message) {
        return message == null ? "" : message.replaceAll("Val[A-Za-z]*\\([^)]*\\)", "<value>");
    }

    static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
