package com.recoverydesk.cases;

import com.recoverydesk.accounts.AccountDirectory;
import com.recoverydesk.accounts.CustomerAccount;
import com.recoverydesk.audit.Actor;
import com.recoverydesk.audit.AuditTrail;
import com.recoverydesk.notify.MailService;
import com.recoverydesk.web.PublicUrl;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import com.recoverydesk.web.RequesterLanguage;
import com.recoverydesk.web.RequesterWords;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The steps of a case that the process drives and that the requester hears of: asking for
 * evidence, reminding, asking for more, rejecting, closing. Each is idempotent: the step ledger
 * ({@link CaseSteps}) lets a job delivered twice send nothing twice.
 */
@ApplicationScoped
public class CaseProgress {

    private final CaseSteps steps;
    private final AccountDirectory directory;
    private final MailService mail;
    private final AuditTrail audit;
    private final PublicUrl publicUrl;

    public CaseProgress(CaseSteps steps, AccountDirectory directory, MailService mail, AuditTrail audit, PublicUrl publicUrl) {
        this.steps = steps;
        this.directory = directory;
        this.mail = mail;
        this.audit = audit;
        this.publicUrl = publicUrl;
    }

    @Transactional
    public void requestEvidence(String caseId) {
        RecoveryCase recoveryCase = load(caseId);
        if (!steps.firstTime(caseId, "request-evidence")) {
            return;
        }
        List<RequesterMails.RequirementLine> lines = lines(EvidenceRequirements.decode(recoveryCase.requiredEvidence), language(recoveryCase));
        mail.send(RequesterMails.evidenceRequested(registeredAddress(recoveryCase), recoveryCase.ticketRef, lines, caseLink(), language(recoveryCase)));
        CaseMessage.post(caseId, CaseMessage.Author.DESK, words(recoveryCase).deskUploadPlease());
        audit.record(Actor.system(), "case.evidence-requested", caseId, Map.of("requiredEvidence", recoveryCase.requiredEvidence));
    }

    @Transactional
    public void remindAboutEvidence(String caseId) {
        RecoveryCase recoveryCase = load(caseId);
        if (!steps.firstTime(caseId, "evidence-reminder:round-" + recoveryCase.moreInfoRounds)) {
            return;
        }
        List<EvidenceRequirements.Requirement> missing = EvidenceRequirements.missing(recoveryCase.requiredEvidence, uploadedKinds(caseId));
        mail.send(RequesterMails.evidenceReminder(registeredAddress(recoveryCase), recoveryCase.ticketRef, lines(missing, language(recoveryCase)), caseLink(), language(recoveryCase)));
        audit.record(Actor.system(), "case.evidence-reminder-sent", caseId, Map.of("round", recoveryCase.moreInfoRounds));
    }

    /** Back to the requester with the agent's question; the next round of evidence follows. */
    @Transactional
    public void requestMoreInformation(String caseId, int round, String question) {
        RecoveryCase recoveryCase = load(caseId);
        if (!steps.firstTime(caseId, "more-info:round-" + round)) {
            return;
        }
        recoveryCase.moreInfoRounds = Math.max(recoveryCase.moreInfoRounds, round);
        recoveryCase.status = CaseStatus.AWAITING_EVIDENCE;
        recoveryCase.updatedAt = now();
        completeOpenTasks(caseId, recoveryCase.updatedAt);
        CaseMessage.post(caseId, CaseMessage.Author.DESK, question);
        mail.send(RequesterMails.moreInfoRequested(registeredAddress(recoveryCase), recoveryCase.ticketRef, question, caseLink(), language(recoveryCase)));
        audit.record(Actor.system(), "case.more-info-requested", caseId, Map.of("round", round));
    }

    /** @param reasonCode the reason's name (review's RejectionReason, or ACCOUNT_CLOSED): said in the requester's language */
    @Transactional
    public void notifyRejection(String caseId, String englishReason, String reasonCode) {
        RecoveryCase recoveryCase = load(caseId);
        String reason = rejectionReason(reasonCode, englishReason, words(recoveryCase));
        if (!steps.firstTime(caseId, "rejection-notice")) {
            return;
        }
        mail.send(RequesterMails.rejected(registeredAddress(recoveryCase), recoveryCase.ticketRef, reason, language(recoveryCase)));
        CaseMessage.post(caseId, CaseMessage.Author.DESK, words(recoveryCase).deskNotApproved(reason));
        audit.record(Actor.system(), "case.rejection-notified", caseId, Map.of());
    }

    /** Closes the case with its final status; closing a closed case changes nothing. */
    @Transactional
    public void close(String caseId, CaseStatus outcome) {
        RecoveryCase recoveryCase = load(caseId);
        if (!recoveryCase.status.isOpen()) {
            return;
        }
        recoveryCase.status = outcome;
        recoveryCase.closedAt = now();
        recoveryCase.updatedAt = recoveryCase.closedAt;
        completeOpenTasks(caseId, recoveryCase.closedAt);
        if (outcome == CaseStatus.EXPIRED && steps.firstTime(caseId, "expiry-notice")) {
            // rejection and recovery have their own notices in the process; expiry is told here
            mail.send(RequesterMails.expired(registeredAddress(recoveryCase), recoveryCase.ticketRef, publicUrl.of("/recover"), language(recoveryCase)));
        }
        audit.record(Actor.system(), "case.closed", caseId, Map.of("outcome", outcome.name()));
    }

    /**
     * An administrator ended the case's process for good: the case closes as CANCELLED, leaves the
     * queues and the backlog, and the requester reads (and is mailed) the reason.
     *
     * @return false when the case had closed already
     */
    @Transactional
    public boolean cancelByDesk(String caseId, String reason) {
        RecoveryCase recoveryCase = load(caseId);
        if (!recoveryCase.status.isOpen()) {
            return false;
        }
        recoveryCase.status = CaseStatus.CANCELLED;
        recoveryCase.closedAt = now();
        recoveryCase.updatedAt = recoveryCase.closedAt;
        completeOpenTasks(caseId, recoveryCase.closedAt);
        CaseMessage.post(caseId, CaseMessage.Author.DESK, words(recoveryCase).deskClosed(reason));
        if (steps.firstTime(caseId, "cancellation-notice")) {
            mail.send(RequesterMails.cancelled(registeredAddress(recoveryCase), recoveryCase.ticketRef, reason, publicUrl.of("/recover"), language(recoveryCase)));
        }
        audit.record(Actor.system(), "case.closed", caseId, Map.of("outcome", CaseStatus.CANCELLED.name()));
        return true;
    }

    /** A case closed outside the process (withdrawn): its queue entries leave the queues, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void endHumanSteps(String caseId, OffsetDateTime when) {
        completeOpenTasks(caseId, when);
    }

    /** The human steps of the case are over (decided, or the case closed): its queue entries leave the queues. */
    private static void completeOpenTasks(String caseId, OffsetDateTime when) {
        Panache.getEntityManager().createQuery("update ReviewTask t set t.completedAt = :now where t.caseId = :caseId and t.completedAt is null")
                .setParameter("now", when).setParameter("caseId", caseId).executeUpdate();
    }

    /** The evidence kinds uploaded to the case and not purged. */
    @SuppressWarnings("unchecked")
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> uploadedKinds(String caseId) {
        return Panache.getEntityManager()
                .createNativeQuery("select distinct kind from evidence_file where case_id = ?1 and purged_at is null")
                .setParameter(1, caseId).getResultList();
    }

    private String registeredAddress(RecoveryCase recoveryCase) {
        return directory.findByRef(recoveryCase.accountRef).map(CustomerAccount::email)
                .orElseThrow(() -> new IllegalStateException("the directory no longer knows the account of case " + recoveryCase.id));
    }

    private static List<RequesterMails.RequirementLine> lines(List<EvidenceRequirements.Requirement> requirements, Locale locale) {
        return requirements.stream().map(r -> new RequesterMails.RequirementLine(r.label(locale), r.why(locale))).toList();
    }

    /** The language the requester filed in: their mails and the desk's messages go in it. */
    private static Locale language(RecoveryCase recoveryCase) {
        return RequesterLanguage.ofStored(recoveryCase.requesterLanguage);
    }

    /** The reason in the words of the requester's language; an unknown code keeps the text it came with. */
    static String rejectionReason(String code, String englishReason, RequesterWords words) {
        return switch (code == null ? "" : code) {
            case "DOCUMENT_ILLEGIBLE" -> words.reasonIllegible();
            case "DOCUMENT_MISMATCH" -> words.reasonDocumentMismatch();
            case "SELFIE_MISMATCH" -> words.reasonSelfieMismatch();
            case "NOTE_MISSING" -> words.reasonNoteMissing();
            case "SIGNS_OF_EDITING", "SUSPECTED_FRAUD" -> words.reasonNotConfirmed();
            case "SECOND_APPROVAL_DENIED" -> words.reasonSecondCheck();
            case "ACCOUNT_CLOSED" -> words.reasonAccountClosed();
            default -> englishReason;
        };
    }

    private static RequesterWords words(RecoveryCase recoveryCase) {
        return RequesterLanguage.words(language(recoveryCase));
    }

    private String caseLink() {
        return publicUrl.of("/recover/case");
    }

    private static RecoveryCase load(String caseId) {
        RecoveryCase recoveryCase = RecoveryCase.findById(caseId);
        if (recoveryCase == null) {
            throw new IllegalStateException("unknown case " + caseId);
        }
        return recoveryCase;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
