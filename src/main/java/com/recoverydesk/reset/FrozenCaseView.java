package com.recoverydesk.reset;

import java.time.OffsetDateTime;

/** A frozen case on the supervisors' list, with the account's security state. */
public record FrozenCaseView(String caseId, String ticketRef, String riskLevel, int round, OffsetDateTime frozenAt,
                             AccountSecurityView account) {
}
