package com.recoverydesk.reset;

import java.time.Instant;

/**
 * The account's security state for staff (DESIGN.md §9, {@code account} in the case API): no secret,
 * nothing staff could use to sign in as the customer.
 *
 * @param status         ACTIVE or CLOSED
 * @param authenticators how many authenticators are enrolled
 */
public record AccountSecurityView(String status, int authenticators, Instant withdrawalLockedUntil, Instant sessionsRevokedAt) {
}
