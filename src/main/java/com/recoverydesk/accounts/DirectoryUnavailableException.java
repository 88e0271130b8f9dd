package com.recoverydesk.accounts;

/**
 * The identity system behind the directory did not answer as it should (unreachable, a timeout, a
 * 5xx): a technical fault, retried with the job's back-off. Its text names the account reference
 * and the status at most, never personal data, and it carries no cause whose text might.
 */
public class DirectoryUnavailableException extends RuntimeException {

    public DirectoryUnavailableException(String message) {
        super(message);
    }
}
