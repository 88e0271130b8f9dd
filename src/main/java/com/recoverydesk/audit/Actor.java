package com.recoverydesk.audit;

/**
 * Who caused an audit event: a staff member (subject = username, role = the role they acted in),
 * the requester of a case (who has no account with us, so no subject beyond {@code requester}),
 * or the system itself (workers, schedulers).
 */
public record Actor(String subject, String role) {

    public static final String SYSTEM = "system";
    public static final String REQUESTER = "requester";

    public Actor {
        requireText(subject, "subject", 200);
        requireText(role, "role", 50);
    }

    public static Actor system() {
        return new Actor(SYSTEM, SYSTEM);
    }

    public static Actor requester() {
        return new Actor(REQUESTER, REQUESTER);
    }

    public static Actor staff(String username, String role) {
        if (SYSTEM.equals(username) || REQUESTER.equals(username)) {
            // keeps the three kinds of actor apart in the trail
            throw new IllegalArgumentException("a staff username cannot be '" + username + "'");
        }
        return new Actor(username, role);
    }

    static void requireText(String value, String name, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(name + " is longer than " + maxLength + " characters");
        }
    }
}
