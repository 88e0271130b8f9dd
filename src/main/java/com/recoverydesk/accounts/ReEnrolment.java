package com.recoverydesk.accounts;

import java.time.Instant;

/** A started re-enrolment, keyed by the request that started it. */
public record ReEnrolment(String accountRef, String requestKey, Instant startedAt) {
}
