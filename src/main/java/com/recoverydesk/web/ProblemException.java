package com.recoverydesk.web;

import java.time.Duration;

/**
 * A failure the client can act on: becomes a problem details answer with this status, title and
 * detail. The texts are shown to the caller, so they never carry personal data or internals.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final Duration retryAfter;
    /** A stable name of the refusal, so that a requester's page can say it in the page's language. */
    private String code;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, null);
    }

    public ProblemException(int status, String title, String detail, Duration retryAfter) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.retryAfter = retryAfter;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad request", detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public static ProblemException tooManyRequests(String detail, Duration retryAfter) {
        return new ProblemException(429, "Too many requests", detail, retryAfter);
    }

    /** Names the refusal (e.g. {@code intake.wrong-code}); see {@link RequesterProblems}. */
    public ProblemException withCode(String code) {
        this.code = code;
        return this;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
