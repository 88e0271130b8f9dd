package com.recoverydesk.workers;

/**
 * A business outcome that the process models as a BPMN error (an error boundary catches it),
 * not a technical failure: the job is answered with ThrowError instead of being retried.
 */
public class BusinessError extends RuntimeException {

    private final String errorCode;

    public BusinessError(String errorCode, String message) {
        super(message, null, false, false);
        this.errorCode = errorCode;
    }

    public String errorCode() {
        return errorCode;
    }
}
