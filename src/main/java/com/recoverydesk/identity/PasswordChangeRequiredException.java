package com.recoverydesk.identity;

import com.recoverydesk.web.ProblemException;

/**
 * The credentials were right, but the password was set by an administrator and must be changed
 * before any token is issued. The screens go on to the change with {@link #ticket()}; the API
 * answers 403, and the ticket never leaves the server there (the message does not carry it).
 */
public class PasswordChangeRequiredException extends ProblemException {

    private final transient String ticket;

    PasswordChangeRequiredException(String ticket) {
        super(403, "Password change required",
                "Your password was set by an administrator. Sign in on the staff sign-in page to choose your own.");
        this.ticket = ticket;
    }

    /** The single-use ticket for the change, in clear; the account keeps only its hash. */
    public String ticket() {
        return ticket;
    }
}
