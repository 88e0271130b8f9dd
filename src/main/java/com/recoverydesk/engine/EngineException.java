package com.recoverydesk.engine;

/**
 * A command the engine refuses. The {@link Rejection} maps one to one onto the gRPC status code that
 * Zeebe's gateway answers in the same situation, so clients see the same behaviour as on a cluster.
 * Messages name keys and element ids only, never variable values (they may hold personal data).
 */
public final class EngineException extends RuntimeException {

    public enum Rejection { NOT_FOUND, INVALID_ARGUMENT, FAILED_PRECONDITION, ALREADY_EXISTS, RESOURCE_EXHAUSTED, UNAVAILABLE }

    private final Rejection rejection;

    public EngineException(Rejection rejection, String message) {
        super(message);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }

    static EngineException notFound(String message) {
        return new EngineException(Rejection.NOT_FOUND, message);
    }

    static EngineException invalid(String message) {
        return new EngineException(Rejection.INVALID_ARGUMENT, message);
    }

    static EngineException invalidState(String message) {
        return new EngineException(Rejection.FAILED_PRECONDITION, message);
    }
}
