package com.recoverydesk.review;

import com.recoverydesk.accounts.AccountDirectory;
import com.recoverydesk.accounts.CustomerAccount;
import com.recoverydesk.audit.Actor;
import com.recoverydesk.audit.AuditTrail;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.identity.StaffDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The separation of duties of DESIGN.md §7, on identity rather than on role: nobody acts on a case
 * about their own account (staff address = the account's address), and nobody who reviewed a case
 * in any round gives its second approval. Each refusal is an audit event with the actor.
 *
 * <p>Its methods join the caller's transaction and do not mark it for rollback when they refuse:
 * callers declare {@code dontRollbackOn = RefusedAttempt.class} and check before they change anything.
 */
@ApplicationScoped
public class SeparationOfDuties {

    public enum Refusal { OWN_ACCOUNT, REVIEWED_THIS_CASE, NOT_THE_ASSIGNEE }

    private final StaffDirectory staffDirectory;
    private final AccountDirectory accounts;
    private final AuditTrail audit;

    public SeparationOfDuties(StaffDirectory staffDirectory, AccountDirectory accounts, AuditTrail audit) {
        this.staffDirectory = staffDirectory;
        this.accounts = accounts;
        this.audit = audit;
    }

    /** Whether the case is about the staff member's own account. */
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = RefusedAttempt.class)
    public boolean isOwnAccount(Staff staff, RecoveryCase recoveryCase) {
        Optional<String> staffEmail = staffDirectory.emailOf(staff.username())
                .or(() -> staff.tokenEmail().map(e -> e.trim().toLowerCase(Locale.ROOT)));
        if (staffEmail.isEmpty()) {
            return false;
        }
        return accounts.findByRef(recoveryCase.accountRef).map(CustomerAccount::email)
                .map(e -> e.trim().toLowerCase(Locale.ROOT)).filter(staffEmail.get()::equals).isPresent();
    }

    /** Whether the staff member decided a review of the case in any round, or holds its open review. */
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = RefusedAttempt.class)
    public boolean reviewed(Staff staff, String caseId) {
        return ReviewDecision.reviewedBy(caseId, staff.username())
                || ReviewTask.count("caseId = ?1 and queue = ?2 and assignee = ?3", caseId, TaskQueue.REVIEW, staff.username()) > 0;
    }

    /**
     * Of the listed entries, the cases the staff member may not take: those about their own
     * account, and for approvals those they reviewed. The queue screens offer no claim button on them.
     */
    @Transactional
    public java.util.Set<String> barredCases(Staff staff, java.util.List<ReviewTaskView> tasks) {
        Optional<String> staffEmail = staffDirectory.emailOf(staff.username())
                .or(() -> staff.tokenEmail().map(e -> e.trim().toLowerCase(Locale.ROOT)));
        java.util.Set<String> barred = new java.util.HashSet<>();
        for (ReviewTaskView task : tasks) {
            if (TaskQueue.APPROVAL.name().equals(task.queue()) && reviewed(staff, task.caseId())) {
                barred.add(task.caseId());
            } else if (staffEmail.isPresent()) {
                RecoveryCase recoveryCase = RecoveryCase.findById(task.caseId());
                if (recoveryCase != null && accounts.findByRef(recoveryCase.accountRef).map(CustomerAccount::email)
                        .map(e -> e.trim().toLowerCase(Locale.ROOT)).filter(staffEmail.get()::equals).isPresent()) {
                    barred.add(task.caseId());
                }
            }
        }
        return barred;
    }

    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = RefusedAttempt.class)
    public void requireNotOwnAccount(Staff staff, RecoveryCase recoveryCase, String attempted) {
        if (isOwnAccount(staff, recoveryCase)) {
            throw refuse(staff, recoveryCase.id, attempted, Refusal.OWN_ACCOUNT,
                    "This case is about your own account: another member of staff must handle it.");
        }
    }

    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = RefusedAttempt.class)
    public void requireNotReviewer(Staff staff, String caseId, String attempted) {
        if (reviewed(staff, caseId)) {
            throw refuse(staff, caseId, attempted, Refusal.REVIEWED_THIS_CASE,
                    "You reviewed this case: the second approval must come from someone else (four eyes).");
        }
    }

    /** Records the refused attempt and gives the exception to throw. */
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = RefusedAttempt.class)
    public RefusedAttempt refuse(Staff staff, String caseId, String attempted, Refusal refusal, String detail) {
        audit.record(Actor.staff(staff.username(), staff.mainRole()), "case.action-refused", caseId,
                Map.of("attempted", attempted, "refusal", refusal.name()));
        return new RefusedAttempt(detail);
    }
}
