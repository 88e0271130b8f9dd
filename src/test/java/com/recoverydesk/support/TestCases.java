package com.recoverydesk.support;

import com.recoverydesk.cases.CaseStatus;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.cases.TicketReferences;
import com.recoverydesk.review.ReviewTask;
import com.recoverydesk.review.TaskQueue;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Cases written straight into the database, for tests of screens that only read them. */
public final class TestCases {

    private TestCases() {
    }

    /**
     * A case waiting in the review queue with the given due time, as the open-review worker leaves
     * it; its account reference is its own, so no other test's account is touched.
     *
     * @return its ticket reference
     */
    public static String inReview(OffsetDateTime dueAt, String riskLevel) {
        return QuarkusTransaction.requiringNew().call(() -> {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            RecoveryCase recoveryCase = new RecoveryCase();
            recoveryCase.id = UUID.randomUUID().toString();
            recoveryCase.ticketRef = TicketReferences.next();
            recoveryCase.accountRef = "ACC-T-" + recoveryCase.id.substring(0, 8);
            recoveryCase.status = CaseStatus.IN_REVIEW;
            recoveryCase.description = "Lost phone";
            recoveryCase.riskLevel = riskLevel;
            recoveryCase.openedAt = now;
            recoveryCase.updatedAt = now;
            recoveryCase.persist();
            ReviewTask task = new ReviewTask();
            task.id = UUID.randomUUID().toString();
            task.caseId = recoveryCase.id;
            task.queue = TaskQueue.REVIEW;
            task.round = 0;
            task.dueAt = dueAt;
            task.createdAt = now;
            task.persist();
            return recoveryCase.ticketRef;
        });
    }
}
