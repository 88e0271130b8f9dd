package com.recoverydesk.support;

import com.recoverydesk.cases.CaseStatus;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.cases.TicketReferences;
import com.recoverydesk.evidence.EvidenceFile;
import com.recoverydesk.evidence.EvidenceKind;
import com.recoverydesk.intake.RecoveryRequest;
import com.recoverydesk.reset.AccountReset;
import com.recoverydesk.reset.CaseFreeze;
import com.recoverydesk.reset.ResetAnnouncement;
import com.recoverydesk.review.ReviewDecision;
import com.recoverydesk.review.ReviewTask;
import com.recoverydesk.review.TaskQueue;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reset stories written straight into the tables the report reads, at times the test chooses
 * (a period no other test writes in), so a report's contents can be checked exactly.
 */
public final class ResetReportFixtures {

    private ResetReportFixtures() {
    }

    /** A reset case as the report should show it. */
    public record ResetCase(String caseId, String ticketRef, String accountRef, Instant filedAt, Instant resetAt, String idFrontSha256,
                            String selfieSha256) {}

    /**
     * A case filed two days before {@code resetAt}, approved by agent1 and supervisor1, announced 24 h
     * before the reset, and reset at {@code resetAt}; {@code objectedAt}, if given, is an objection to
     * an earlier round (frozen then, reopened by supervisor2 an hour later) before the round that ended in the reset.
     */
    public static ResetCase resetCase(Instant resetAt, String riskLevel, Instant objectedAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant filedAt = resetAt.minus(Duration.ofDays(2));
            RecoveryCase c = closedCase("ACC-R-", CaseStatus.RECOVERED, riskLevel, filedAt.plusSeconds(60), resetAt);

            RecoveryRequest request = new RecoveryRequest();
            request.emailHash = hex(32);
            request.accountRef = c.accountRef;
            request.description = c.description;
            request.codeSalt = hex(16);
            request.codeHash = hex(32);
            request.linkTokenHash = hex(32);
            request.status = RecoveryRequest.Status.CONFIRMED;
            request.requestCountry = "DE";
            request.createdAt = at(filedAt);
            request.expiresAt = at(filedAt.plusSeconds(900));
            request.caseId = c.id;
            request.persist();

            String front = hex(32);
            String selfie = hex(32);
            evidence(c.id, EvidenceKind.ID_FRONT, front, filedAt.plusSeconds(120));
            evidence(c.id, EvidenceKind.SELFIE_WITH_NOTE, selfie, filedAt.plusSeconds(180));
            decision(c.id, TaskQueue.REVIEW, "agent1", filedAt.plusSeconds(3600));
            int round = 0;
            if (objectedAt != null) {
                ResetAnnouncement objected = announcement(c, 0, objectedAt.minus(Duration.ofHours(1)), objectedAt.plus(Duration.ofHours(23)));
                objected.objectedAt = at(objectedAt);
                CaseFreeze freeze = new CaseFreeze();
                freeze.caseId = c.id;
                freeze.round = 0;
                freeze.frozenAt = at(objectedAt);
                freeze.reopenedAt = at(objectedAt.plus(Duration.ofHours(1)));
                freeze.reopenedBy = "supervisor2";
                freeze.note = "Spoke to the customer";
                freeze.persist();
                round = 1;
            }
            decision(c.id, TaskQueue.APPROVAL, "supervisor1", filedAt.plusSeconds(7200));
            announcement(c, round, resetAt.minus(Duration.ofHours(24)), resetAt);
            AccountReset reset = new AccountReset();
            reset.caseId = c.id;
            reset.accountRef = c.accountRef;
            reset.resetAt = at(resetAt);
            reset.withdrawalsLockedUntil = at(resetAt.plus(Duration.ofHours(24)));
            reset.authenticatorsRemoved = 1;
            reset.backupCodesRemoved = 2;
            reset.sessionsRevoked = 2;
            reset.persist();
            return new ResetCase(c.id, c.ticketRef, c.accountRef, filedAt, resetAt, front, selfie);
        });
    }

    /** A case cancelled at {@code closedAt} while frozen by an objection nobody lifted. */
    public static String closedFrozenCase(Instant closedAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            RecoveryCase c = closedCase("ACC-F-", CaseStatus.CANCELLED, "LOW", closedAt.minus(Duration.ofDays(3)), closedAt);
            CaseFreeze freeze = new CaseFreeze();
            freeze.caseId = c.id;
            freeze.round = 0;
            freeze.frozenAt = at(closedAt.minus(Duration.ofDays(1)));
            freeze.persist();
            return c.id;
        });
    }

    private static final java.util.concurrent.atomic.AtomicInteger QUIET_MONTHS = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A day in the years before the desk existed, a month after the one handed out before (the test
     * database is cleaned at the start of each run), so each test's period is its own.
     *
     * @param era the first day handed out; tests that purge take an era of their own, so they purge only their own cases
     */
    public static Instant quietDay(Instant era) {
        return era.plus(Duration.ofDays(30L * QUIET_MONTHS.getAndIncrement()));
    }

    public static Instant quietDay() {
        return quietDay(Instant.parse("2001-01-01T00:00:00Z"));
    }

    /** A closed case with an account reference of its own, so no other test's account is touched. */
    private static RecoveryCase closedCase(String accountPrefix, CaseStatus status, String riskLevel, Instant openedAt, Instant closedAt) {
        RecoveryCase c = new RecoveryCase();
        c.id = UUID.randomUUID().toString();
        c.ticketRef = TicketReferences.next();
        c.accountRef = accountPrefix + c.id.substring(0, 8);
        c.status = status;
        c.description = "Lost phone on a train";
        c.riskLevel = riskLevel;
        c.requestCountry = "DE";
        c.openedAt = at(openedAt);
        c.updatedAt = at(closedAt);
        c.closedAt = at(closedAt);
        c.persist();
        return c;
    }

    private static void evidence(String caseId, EvidenceKind kind, String sha256, Instant uploadedAt) {
        EvidenceFile file = new EvidenceFile();
        file.id = UUID.randomUUID().toString();
        file.caseId = caseId;
        file.kind = kind;
        file.contentType = "image/png";
        file.sizeBytes = 1000;
        file.sha256 = hex(32);
        file.originalSizeBytes = 1200;
        file.originalSha256 = sha256;
        file.objectKey = hex(16);
        file.uploadedAt = at(uploadedAt);
        file.submittedInRound = 0;
        file.persist();
    }

    private static void decision(String caseId, TaskQueue queue, String by, Instant decidedAt) {
        ReviewTask task = new ReviewTask();
        task.id = UUID.randomUUID().toString();
        task.caseId = caseId;
        task.queue = queue;
        task.round = 0;
        task.dueAt = at(decidedAt.plusSeconds(3600));
        task.createdAt = at(decidedAt.minusSeconds(600));
        task.assignee = by;
        task.completedAt = at(decidedAt);
        task.persist();
        ReviewDecision decision = new ReviewDecision();
        decision.caseId = caseId;
        decision.taskId = task.id;
        decision.queue = queue;
        decision.round = 0;
        decision.decidedBy = by;
        decision.decision = "APPROVE";
        decision.checklist = "";
        decision.decidedAt = at(decidedAt);
        decision.persist();
    }

    private static ResetAnnouncement announcement(RecoveryCase c, int round, Instant announcedAt, Instant resetAt) {
        ResetAnnouncement a = new ResetAnnouncement();
        a.caseId = c.id;
        a.round = round;
        a.accountRef = c.accountRef;
        a.announcedAt = at(announcedAt);
        a.resetAt = at(resetAt);
        a.addresses = 2;
        a.persist();
        return a;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
