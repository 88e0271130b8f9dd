package com.recoverydesk.accounts;

/**
 * A directory operation that could not be done. {@link Kind#NOT_ELIGIBLE} and
 * {@link Kind#NOT_FOUND} are business answers that retrying does not change; any other failure
 * (the identity system unreachable) is a plain runtime exception, and the caller retries.
 * Messages name the account reference at most, never personal data.
 */
public class DirectoryException extends RuntimeException {

    public enum Kind { NOT_FOUND, NOT_ELIGIBLE, REFUSED }

    private final Kind kind;

    public DirectoryException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
