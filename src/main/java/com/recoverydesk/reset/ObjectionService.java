package com.recoverydesk.reset;

import com.recoverydesk.accounts.AccountDirectory;
import com.recoverydesk.audit.Actor;
import com.recoverydesk.audit.AuditTrail;
import com.recoverydesk.cases.CaseMessage;
import com.recoverydesk.cases.CaseStatus;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.identity.Roles;
import com.recoverydesk.notify.MailService;
import com.recoverydesk.process.Outbox;
import com.recoverydesk.process.RecoveryProcess;
import com.recoverydesk.web.ProblemException;
import com.recoverydesk.web.PublicUrl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * "This was not me": the objection link (step 7), the freeze it causes, and a supervisor's
 * reopening of a frozen case. Opening the link changes nothing (mail scanners open links); only
 * the button's POST objects, once.
 */
@ApplicationScoped
public class ObjectionService {

    /** Who objects: whoever reads one of the account's registered addresses; we cannot tell more. */
    static final Actor ACCOUNT_HOLDER = new Actor("account-holder", "account-holder");

    /** What the objection page can say. */
    public enum State {
        /** The reset is announced and may still be stopped. */
        OPEN,
        /** This link was used: the objection stands. */
        OBJECTED,
        /** The reset already happened: the link can no longer stop it. */
        RESET_DONE,
        /** T has passed and the reset is under way. */
        TOO_LATE,
        /** The case closed without a reset (rejected, withdrawn): nothing will change. */
        CLOSED,
        /** Not a link of ours, or damaged. */
        UNKNOWN
    }

    public record ObjectionView(State state, String ticketRef, String resetAt) {}

    private final AccountDirectory directory;
    private final ResetLinks links;
    private final ResetConfig config;
    private final Outbox outbox;
    private final MailService mail;
    private final AuditTrail audit;
    private final PublicUrl publicUrl;

    public ObjectionService(AccountDirectory directory, ResetLinks links, ResetConfig config, Outbox outbox, MailService mail,
                            AuditTrail audit, PublicUrl publicUrl) {
        this.directory = directory;
        this.links = links;
        this.config = config;
        this.outbox = outbox;
        this.mail = mail;
        this.audit = audit;
        this.publicUrl = publicUrl;
    }

    /** What the link is about, read only. */
    @Transactional
    public ObjectionView preview(String token) {
        return links.find(token, ResetLink.Purpose.OBJECTION, false).map(this::viewOf)
                .orElse(new ObjectionView(State.UNKNOWN, null, null));
    }

    /** The button: objects if the reset can still be stopped; otherwise changes nothing and says why. */
    @Transactional
    public ObjectionView object(String token) {
        ResetLink found = links.find(token, ResetLink.Purpose.OBJECTION, false).orElse(null);
        if (found == null) {
            return new ObjectionView(State.UNKNOWN, null, null);
        }
        // the case first, as the reset job locks it: an objection and the reset never both win
        RecoveryCase recoveryCase = ResetService.lockCase(found.caseId);
        ResetLink link = ResetLink.findById(found.tokenHash, LockModeType.PESSIMISTIC_WRITE);
        ObjectionView view = viewOf(link);
        if (view.state() != State.OPEN) {
            return view;
        }
        OffsetDateTime now = ResetService.now();
        ResetAnnouncement announcement = ResetAnnouncement.of(link.caseId, link.round)
                .orElseThrow(() -> new IllegalStateException("objection link without announcement for case " + link.caseId));
        link.usedAt = now;
        announcement.objectedAt = now;
        outbox.publishMessage(link.caseId, RecoveryProcess.Messages.RESET_OBJECTED, "reset-objected:" + link.caseId + ":" + link.round,
                Map.of("objectedAt", now.toString()));
        audit.record(ACCOUNT_HOLDER, "reset.objected", link.caseId, Map.of("round", link.round, "ticketRef", recoveryCase.ticketRef));
        return new ObjectionView(State.OBJECTED, recoveryCase.ticketRef, ResetMails.when(announcement.resetAt));
    }

    /** {@code freeze-case}: the case is FROZEN, the account flagged, supervisors and compliance alerted; once per round. */
    @Transactional
    public void freeze(String caseId) {
        RecoveryCase recoveryCase = ResetService.lockCase(caseId);
        int round = CaseFreeze.currentRound(caseId);
        if (CaseFreeze.count("caseId = ?1 and round = ?2", caseId, round) > 0) {
            return;
        }
        OffsetDateTime now = ResetService.now();
        CaseFreeze freeze = new CaseFreeze();
        freeze.caseId = caseId;
        freeze.round = round;
        freeze.frozenAt = now;
        freeze.persist();
        recoveryCase.status = CaseStatus.FROZEN;
        recoveryCase.updatedAt = now;
        directory.flagAccount(recoveryCase.accountRef, "objection to the reset of " + recoveryCase.ticketRef);
        for (String to : config.objectionAlertTo()) {
            mail.send(ResetMails.objectionAlert(to, recoveryCase.ticketRef, publicUrl.of("/supervisor/frozen-cases")));
        }
        CaseMessage.post(caseId, CaseMessage.Author.DESK,
                com.recoverydesk.web.RequesterLanguage.words(com.recoverydesk.web.RequesterLanguage.ofStored(recoveryCase.requesterLanguage)).deskObjected());
        audit.record(Actor.system(), "case.frozen", caseId, Map.of("round", round, "accountFlagged", true,
                "alerted", List.of(Roles.SUPERVISOR, Roles.COMPLIANCE)));
    }

    /** A supervisor reopens a frozen case with a note: the reset is announced again, with a new cooling-off. */
    @Transactional
    public void reopen(String caseId, String supervisor, String note) {
        if (note == null || note.isBlank() || note.strip().length() < 10) {
            throw ProblemException.badRequest("Say in a note (at least 10 characters) why the case may go on, e.g. whom you spoke to and how.");
        }
        if (note.length() > 2000) {
            throw ProblemException.badRequest("The note may have at most 2000 characters.");
        }
        RecoveryCase recoveryCase = RecoveryCase.findById(caseId, LockModeType.PESSIMISTIC_WRITE);
        if (recoveryCase == null) {
            throw ProblemException.notFound("No such case.");
        }
        int round = CaseFreeze.currentRound(caseId);
        CaseFreeze freeze = CaseFreeze.<CaseFreeze>find("caseId = ?1 and round = ?2", caseId, round).firstResult();
        if (recoveryCase.status != CaseStatus.FROZEN || freeze == null) {
            throw ProblemException.conflict("Only a frozen case can be reopened, and only once per freeze.");
        }
        OffsetDateTime now = ResetService.now();
        freeze.reopenedAt = now;
        freeze.reopenedBy = supervisor;
        freeze.note = note.strip();
        recoveryCase.updatedAt = now;
        outbox.publishMessage(caseId, RecoveryProcess.Messages.CASE_REOPENED, "case-reopened:" + caseId + ":" + round, Map.of());
        audit.record(Actor.staff(supervisor, Roles.SUPERVISOR), "case.reopened", caseId, Map.of("round", round, "note", freeze.note));
    }

    private ObjectionView viewOf(ResetLink link) {
        RecoveryCase recoveryCase = RecoveryCase.findById(link.caseId);
        String resetAt = ResetAnnouncement.of(link.caseId, link.round).map(a -> ResetMails.when(a.resetAt)).orElse(null);
        State state;
        if (link.usedAt != null) {
            state = State.OBJECTED;
        } else if (AccountReset.findById(link.caseId) != null) {
            state = State.RESET_DONE;
        } else if (!recoveryCase.status.isOpen()) {
            state = State.CLOSED;
        } else if (!ResetService.now().isBefore(link.expiresAt) || recoveryCase.status != CaseStatus.COOLING_OFF
                || CaseFreeze.currentRound(link.caseId) != link.round) {
            state = State.TOO_LATE;
        } else {
            state = State.OPEN;
        }
        return new ObjectionView(state, recoveryCase.ticketRef, resetAt);
    }
}
