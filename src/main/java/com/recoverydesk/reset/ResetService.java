package com.recoverydesk.reset;

import com.recoverydesk.web.RequesterLanguage;
import com.recoverydesk.accounts.AccountDirectory;
import com.recoverydesk.accounts.CustomerAccount;
import com.recoverydesk.accounts.RemovedAuthenticators;
import com.recoverydesk.audit.Actor;
import com.recoverydesk.audit.AuditTrail;
import com.recoverydesk.cases.CaseAccess;
import com.recoverydesk.cases.CaseMessage;
import com.recoverydesk.cases.CaseStatus;
import com.recoverydesk.cases.CaseSteps;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.notify.MailService;
import com.recoverydesk.web.PublicUrl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Steps 7–8 of the case as the process drives them: announcing the reset at T to every registered
 * address, the reset itself, and telling the customer how to re-enrol. Each step runs in one
 * transaction under the case's row lock and is keyed by the case (and round), so a job delivered
 * twice, or again after a crash before its completion, does nothing the second time.
 */
@ApplicationScoped
public class ResetService {

    /** What the reset job found. */
    public enum Outcome { RESET, NOT_ELIGIBLE, OBJECTED }

    public record Announced(OffsetDateTime resetAt, Duration remaining) {}

    private final AccountDirectory directory;
    private final ResetConfig config;
    private final ResetLinks links;
    private final CaseAccess caseAccess;
    private final CaseSteps steps;
    private final MailService mail;
    private final AuditTrail audit;
    private final PublicUrl publicUrl;

    public ResetService(AccountDirectory directory, ResetConfig config, ResetLinks links, CaseAccess caseAccess, CaseSteps steps,
                        MailService mail, AuditTrail audit, PublicUrl publicUrl) {
        this.directory = directory;
        this.config = config;
        this.links = links;
        this.caseAccess = caseAccess;
        this.steps = steps;
        this.mail = mail;
        this.audit = audit;
        this.publicUrl = publicUrl;
    }

    /**
     * {@code announce-reset}: T is fixed the first time; a repeated call answers the same T and the
     * time still left until it, so that the cooling-off timer never ends before T.
     */
    @Transactional
    public Announced announceReset(String caseId) {
        RecoveryCase recoveryCase = lockCase(caseId);
        int round = CaseFreeze.currentRound(caseId);
        OffsetDateTime now = now();
        ResetAnnouncement announcement = ResetAnnouncement.of(caseId, round).orElse(null);
        if (announcement == null) {
            Duration coolingOff = config.coolingOffFor(recoveryCase.riskLevel);
            announcement = new ResetAnnouncement();
            announcement.caseId = caseId;
            announcement.round = round;
            announcement.accountRef = recoveryCase.accountRef;
            announcement.announcedAt = now;
            announcement.resetAt = now.plus(coolingOff);
            ResetLinks.Issued objection = links.issue(caseId, ResetLink.Purpose.OBJECTION, round, announcement.resetAt);
            String objectionLink = publicUrl.of("/objection/" + objection.token());
            // every registered address hears of it (NIST SP 800-63B-4): an attacker who took over one does not silence the others
            List<String> addresses = directory.notificationAddresses(recoveryCase.accountRef);
            for (String address : addresses) {
                mail.send(ResetMails.announcement(address, recoveryCase.ticketRef, announcement.resetAt, objectionLink, language(recoveryCase)));
            }
            announcement.addresses = addresses.size();
            announcement.persist();
            recoveryCase.status = CaseStatus.COOLING_OFF;
            recoveryCase.updatedAt = now;
            CaseMessage.post(caseId, CaseMessage.Author.DESK,
                    RequesterLanguage.words(language(recoveryCase)).deskResetAnnounced(ResetMails.when(announcement.resetAt)));
            audit.record(Actor.system(), "reset.announced", caseId, Map.of("round", round, "resetAt", announcement.resetAt.toString(),
                    "coolingOff", coolingOff.toString(), "addresses", addresses.size()));
        }
        Duration left = Duration.between(now, announcement.resetAt);
        // whole seconds, rounded up: the timer may end a little after T, never before it
        long seconds = Math.max(0, left.getSeconds() + (left.getNano() > 0 ? 1 : 0));
        return new Announced(announcement.resetAt, Duration.ofSeconds(seconds));
    }

    /**
     * {@code reset-2fa}: removes the authenticators and backup codes, revokes the sessions, locks
     * withdrawals and starts re-enrolment, once per case. A closed account is refused, and so is a
     * reset whose objection came in while the cooling-off timer was already firing.
     */
    @Transactional
    public Outcome resetTwoFactor(String caseId) {
        RecoveryCase recoveryCase = lockCase(caseId);
        if (AccountReset.findById(caseId) != null) {
            return Outcome.RESET;
        }
        int round = CaseFreeze.currentRound(caseId);
        if (ResetAnnouncement.of(caseId, round).map(a -> a.objectedAt != null).orElse(false)) {
            return Outcome.OBJECTED;
        }
        CustomerAccount account = directory.findByRef(recoveryCase.accountRef)
                .orElseThrow(() -> new IllegalStateException("the directory no longer knows the account of case " + caseId));
        if (account.closed()) {
            if (steps.firstTime(caseId, "reset-refused")) {
                audit.record(Actor.system(), "reset.refused", caseId, Map.of("reason", "ACCOUNT_CLOSED"));
            }
            return Outcome.NOT_ELIGIBLE;
        }
        OffsetDateTime now = now();
        // protective steps first: a remote directory failing between two calls leaves the account
        // locked and asked to re-enrol before its authenticators go, never open (ADR 0008); the retry completes it
        OffsetDateTime lockedUntil = directory.lockWithdrawals(account.accountRef(), now.plus(config.withdrawalLock()).toInstant())
                .atOffset(ZoneOffset.UTC);
        directory.startReEnrolment(account.accountRef(), caseId);
        RemovedAuthenticators removed = directory.removeAuthenticators(account.accountRef());
        int revoked = directory.revokeSessions(account.accountRef(), now.toInstant());
        caseAccess.restrictToReading(recoveryCase);

        AccountReset reset = new AccountReset();
        reset.caseId = caseId;
        reset.accountRef = account.accountRef();
        reset.resetAt = now;
        reset.withdrawalsLockedUntil = lockedUntil;
        reset.authenticatorsRemoved = removed.authenticators();
        reset.backupCodesRemoved = removed.backupCodes();
        reset.sessionsRevoked = revoked;
        reset.persist();
        recoveryCase.updatedAt = now;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("authenticatorsRemoved", removed.authenticators());
        details.put("backupCodesRemoved", removed.backupCodes());
        details.put("sessionsRevoked", revoked);
        details.put("withdrawalsLockedUntil", lockedUntil.toString());
        details.put("reEnrolmentStarted", true);
        details.put("caseTokenReadOnly", true);
        audit.record(Actor.system(), "account.2fa-reset", caseId, details);
        return Outcome.RESET;
    }

    /** {@code notify-reset-complete}: the single-use re-enrolment link to the account's main address, a notice to the others. */
    @Transactional
    public void notifyResetComplete(String caseId) {
        RecoveryCase recoveryCase = lockCase(caseId);
        AccountReset reset = AccountReset.findById(caseId);
        if (reset == null) {
            throw new IllegalStateException("case " + caseId + " has no reset to tell of");
        }
        if (links.existing(caseId, ResetLink.Purpose.ENROLMENT, 0).isPresent()) {
            return; // issued and mailed in one transaction: it was sent
        }
        if (directory.reEnrolsAtOwnSignIn()) {
            notifyReEnrolmentAtSignIn(caseId, recoveryCase, reset);
            return;
        }
        OffsetDateTime expiresAt = now().plus(config.enrolmentLinkLifetime());
        // the token is mailed in the transaction that stores its hash, so it is never kept anywhere
        ResetLinks.Issued enrolment = links.issue(caseId, ResetLink.Purpose.ENROLMENT, 0, expiresAt);
        List<String> addresses = directory.notificationAddresses(recoveryCase.accountRef);
        mail.send(ResetMails.resetComplete(addresses.get(0), recoveryCase.ticketRef, publicUrl.of("/enrol/" + enrolment.token()),
                expiresAt, reset.withdrawalsLockedUntil, language(recoveryCase)));
        for (String other : addresses.subList(1, addresses.size())) {
            mail.send(ResetMails.resetNotice(other, recoveryCase.ticketRef, reset.withdrawalsLockedUntil, language(recoveryCase)));
        }
        CaseMessage.post(caseId, CaseMessage.Author.DESK,
                RequesterLanguage.words(language(recoveryCase)).deskResetDone(ResetMails.when(reset.withdrawalsLockedUntil)));
        audit.record(Actor.system(), "reset.enrolment-link-sent", caseId, Map.of("expiresAt", expiresAt.toString(), "addresses", addresses.size()));
    }

    /** The identity system's own sign-in asks for the new authenticator: no /enrol link, the mail says so. */
    private void notifyReEnrolmentAtSignIn(String caseId, RecoveryCase recoveryCase, AccountReset reset) {
        if (!steps.firstTime(caseId, "reset-complete-notified")) {
            return; // recorded with the mails in one transaction: they were sent
        }
        List<String> addresses = directory.notificationAddresses(recoveryCase.accountRef);
        mail.send(ResetMails.resetComplete(addresses.get(0), recoveryCase.ticketRef, "", reset.resetAt, reset.withdrawalsLockedUntil,
                language(recoveryCase)));
        for (String other : addresses.subList(1, addresses.size())) {
            mail.send(ResetMails.resetNotice(other, recoveryCase.ticketRef, reset.withdrawalsLockedUntil, language(recoveryCase)));
        }
        CaseMessage.post(caseId, CaseMessage.Author.DESK,
                RequesterLanguage.words(language(recoveryCase)).deskResetDoneAtSignIn(ResetMails.when(reset.withdrawalsLockedUntil)));
        audit.record(Actor.system(), "reset.re-enrolment-at-sign-in-notified", caseId, Map.of("addresses", addresses.size()));
    }

    /** The language the requester filed in: the reset's mails and messages go in it. */
    private static java.util.Locale language(RecoveryCase recoveryCase) {
        return RequesterLanguage.ofStored(recoveryCase.requesterLanguage);
    }

    static RecoveryCase lockCase(String caseId) {
        RecoveryCase recoveryCase = RecoveryCase.findById(caseId, LockModeType.PESSIMISTIC_WRITE);
        if (recoveryCase == null) {
            throw new IllegalStateException("unknown case " + caseId);
        }
        return recoveryCase;
    }

    /**
     * In the database's precision: the reset's time is also written to the directory, and a retry
     * compares the two; a nanosecond clock against a column that rounds to microseconds made the
     * stored time look later than the directory's and a repeated reset change Keycloak again.
     */
    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
