package com.recoverydesk.reset;

import com.recoverydesk.accounts.AccountDirectory;
import com.recoverydesk.accounts.AccountSecurity;
import com.recoverydesk.cases.CaseStatus;
import com.recoverydesk.cases.RecoveryCase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** Reading the reset's state: the account's security for staff, T for the requester, the frozen cases. */
@ApplicationScoped
public class ResetStatusService {

    private final AccountDirectory directory;

    public ResetStatusService(AccountDirectory directory) {
        this.directory = directory;
    }

    /** The security state of the case's account (item 8 of the reset issue); empty for an unknown case. */
    @Transactional
    public Optional<AccountSecurityView> accountSecurity(String caseId) {
        RecoveryCase recoveryCase = RecoveryCase.findById(caseId);
        return recoveryCase == null ? Optional.empty() : Optional.of(securityOfAccount(recoveryCase.accountRef));
    }

    @Transactional
    public AccountSecurityView securityOfAccount(String accountRef) {
        AccountSecurity security = directory.securityOf(accountRef);
        return new AccountSecurityView(security.status(), security.authenticators(), security.withdrawalsLockedUntil().orElse(null),
                security.sessionsRevokedAt().orElse(null));
    }

    /** Where the reset stands: T once announced, the lock once reset; for the requester and for staff alike. */
    @Transactional
    public Optional<ResetStatusView> resetOf(String caseId) {
        Optional<ResetAnnouncement> announcement = ResetAnnouncement.latest(caseId);
        if (announcement.isEmpty()) {
            return Optional.empty();
        }
        AccountReset reset = AccountReset.findById(caseId);
        String resetAt = ResetMails.when(reset != null ? reset.resetAt : announcement.get().resetAt);
        return Optional.of(new ResetStatusView(resetAt, reset == null ? null : ResetMails.when(reset.withdrawalsLockedUntil),
                reset != null, reset != null && reset.enrolledAt != null));
    }

    @Transactional
    public List<FrozenCaseView> frozenCases() {
        List<RecoveryCase> frozen = RecoveryCase.list("status = ?1 order by updatedAt", CaseStatus.FROZEN);
        List<FrozenCaseView> views = new java.util.ArrayList<>();
        for (RecoveryCase c : frozen) {
            int round = CaseFreeze.currentRound(c.id);
            CaseFreeze freeze = CaseFreeze.<CaseFreeze>find("caseId = ?1 and round = ?2", c.id, round).firstResult();
            if (freeze != null) { // else reopened, and about to be announced again
                views.add(new FrozenCaseView(c.id, c.ticketRef, c.riskLevel, round, freeze.frozenAt, securityOfAccount(c.accountRef)));
            }
        }
        return views;
    }
}
