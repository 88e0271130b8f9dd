package com.recoverydesk.review;

import com.recoverydesk.web.ProblemException;

/**
 * A 403 for an attempt that separation of duties forbids. It is recorded in the audit trail before
 * it is thrown, and the transactions around it do not roll back on it, so the record stays.
 */
public class RefusedAttempt extends ProblemException {

    public RefusedAttempt(String detail) {
        super(403, "Forbidden", detail);
    }
}
