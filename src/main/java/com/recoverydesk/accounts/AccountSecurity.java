package com.recoverydesk.accounts;

import java.time.Instant;
import java.util.Optional;

/**
 * An account's security state as the directory tells it, with no secret in it.
 *
 * @param authenticators   enrolled authenticators (TOTP apps)
 * @param backupCodes      unused backup codes
 * @param reEnrolmentDue   a re-enrolment was started and not yet completed
 */
public record AccountSecurity(String accountRef, boolean closed, int authenticators, int backupCodes,
                              Optional<Instant> withdrawalsLockedUntil, Optional<Instant> sessionsRevokedAt,
                              int activeSessions, boolean flagged, boolean reEnrolmentDue) {

    public String status() {
        return closed ? "CLOSED" : "ACTIVE";
    }
}
