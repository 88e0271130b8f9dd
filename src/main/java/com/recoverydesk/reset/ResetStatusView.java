package com.recoverydesk.reset;

/**
 * Where the reset of a case stands, for the requester's case page and the API.
 *
 * @param resetAt                T, when the announced reset happens (or happened), UTC, as the mail says it
 * @param withdrawalsLockedUntil after the reset: until when withdrawals are locked
 */
public record ResetStatusView(String resetAt, String withdrawalsLockedUntil, boolean resetDone, boolean reEnrolled) {
}
