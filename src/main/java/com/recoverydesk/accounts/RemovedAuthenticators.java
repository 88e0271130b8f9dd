package com.recoverydesk.accounts;

/** What {@link AccountDirectory#removeAuthenticators} removed (zero both when nothing was left). */
public record RemovedAuthenticators(int authenticators, int backupCodes) {
}
