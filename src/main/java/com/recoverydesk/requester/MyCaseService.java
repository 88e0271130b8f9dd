package com.recoverydesk.requester;

import com.recoverydesk.audit.Actor;
import com.recoverydesk.audit.AuditTrail;
import com.recoverydesk.cases.CaseAccess;
import com.recoverydesk.cases.CaseMessage;
import com.recoverydesk.cases.CaseProgress;
import com.recoverydesk.cases.CaseStatus;
import com.recoverydesk.cases.EvidenceRequirements;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.evidence.EvidenceFile;
import com.recoverydesk.intake.RateLimiter;
import com.recoverydesk.process.Outbox;
import com.recoverydesk.reset.ResetStatusService;
import com.recoverydesk.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The requester's case, reached with the case token: what it shows, and withdrawing it. */
@ApplicationScoped
public class MyCaseService {

    private final CaseAccess access;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final ResetStatusService resets;
    private final RateLimiter rateLimiter;
    private final RequesterConfig config;
    private final CaseProgress progress;

    public MyCaseService(CaseAccess access, Outbox outbox, AuditTrail audit, ResetStatusService resets, RateLimiter rateLimiter,
                         RequesterConfig config, CaseProgress progress) {
        this.progress = progress;
        this.rateLimiter = rateLimiter;
        this.config = config;
        this.access = access;
        this.outbox = outbox;
        this.audit = audit;
        this.resets = resets;
    }

    /** The case id the token opens for an upload; 429 when the case uploaded too often lately. */
    @Transactional
    public String caseIdForUpload(JsonWebToken token) {
        String caseId = access.caseToChange(token).id;
        rateLimiter.hit(new RateLimiter.Limit("upload:case:" + caseId, config.uploadsPerCase(), config.uploadWindow()))
                .ifPresent(wait -> {
                    throw ProblemException.tooManyRequests("You uploaded many files in a short time. Please wait a while before the next one.", wait).withCode("case.upload-throttled");
                });
        return caseId;
    }

    /** The case id the token opens; 401 if the token was replaced. */
    @Transactional
    public String caseIdOf(JsonWebToken token) {
        return access.caseToChange(token).id;
    }

    @Transactional
    public MyCaseView view(JsonWebToken token) {
        return view(token, java.util.Locale.ENGLISH);
    }

    /** The case in the words of the requester's language (the page's). */
    @Transactional
    public MyCaseView view(JsonWebToken token, java.util.Locale locale) {
        PlainWords plain = new PlainWords(locale);
        RecoveryCase recoveryCase = access.caseOf(token);
        List<EvidenceFile> files = EvidenceFile.ofCase(recoveryCase.id);
        List<String> kinds = files.stream().map(f -> f.kind.name()).toList();
        List<MyCaseView.RequirementView> requirements = EvidenceRequirements.decode(recoveryCase.requiredEvidence).stream()
                .map(r -> new MyCaseView.RequirementView(r.anyOf(), r.label(locale), r.why(locale), r.metBy(kinds)))
                .toList();
        List<MyCaseView.EvidenceView> evidence = files.stream()
                .map(f -> new MyCaseView.EvidenceView(f.id, f.kind.name(), f.contentType, f.originalSizeBytes, f.originalSha256, f.uploadedAt,
                        f.submittedInRound != null, EvidenceRequirements.kindLabel(f.kind.name(), locale), plain.fileType(f.contentType),
                        plain.size(f.originalSizeBytes), plain.when(f.uploadedAt)))
                .toList();
        List<MyCaseView.MessageView> messages = CaseMessage.of(recoveryCase.id).stream()
                .map(m -> new MyCaseView.MessageView(m.author == CaseMessage.Author.DESK ? plain.words().fromDesk() : plain.words().fromYou(),
                        m.body, m.createdAt, plain.when(m.createdAt)))
                .toList();
        boolean open = recoveryCase.status.isOpen();
        boolean awaiting = recoveryCase.status == CaseStatus.AWAITING_EVIDENCE;
        boolean hasFresh = files.stream().anyMatch(f -> f.submittedInRound == null);
        boolean complete = recoveryCase.requiredEvidence != null && requirements.stream().allMatch(MyCaseView.RequirementView::satisfied);
        // a closed case asks for nothing more; a case waiting for the desk refreshes itself
        List<MyCaseView.RequirementView> shown = open ? requirements : List.of();
        boolean deskWorking = open && !awaiting;
        // refused when it opened (a closed account): nothing was checked, so "could not confirm" would be wrong
        String inWords = recoveryCase.status == CaseStatus.REJECTED && "".equals(recoveryCase.requiredEvidence)
                ? plain.words().wordsNotEligible()
                : recoveryCase.status.plainWords(locale);
        return new MyCaseView(recoveryCase.ticketRef, recoveryCase.status.name(), inWords,
                shown, evidence, messages, awaiting, awaiting && hasFresh && complete, isWithdrawable(recoveryCase.status) && !recoveryCase.accessReadOnly,
                plain.status(recoveryCase.status), open, deskWorking, resets.resetOf(recoveryCase.id).orElse(null));
    }

    /** Withdraws the request: the case closes as WITHDRAWN and its process is cancelled. */
    @Transactional
    public void withdraw(JsonWebToken token) {
        RecoveryCase recoveryCase = access.caseToChange(token);
        if (!isWithdrawable(recoveryCase.status)) {
            throw ProblemException.conflict("This case can no longer be withdrawn.").withCode("case.not-withdrawable");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        recoveryCase.status = CaseStatus.WITHDRAWN;
        recoveryCase.closedAt = now;
        recoveryCase.updatedAt = now;
        // out of the agents' queue and the SLA figures at once
        progress.endHumanSteps(recoveryCase.id, now);
        outbox.cancelProcess(recoveryCase.id);
        audit.record(Actor.requester(), "case.withdrawn", recoveryCase.id, Map.of("ticketRef", recoveryCase.ticketRef));
    }

    /** Signs the requester out: the case token is revoked, and only a new code opens the case again. */
    @Transactional
    public void signOut(JsonWebToken token) {
        RecoveryCase recoveryCase = access.caseUnderLock(token);
        access.revoke(recoveryCase);
        audit.record(Actor.requester(), "case.requester-signed-out", recoveryCase.id, Map.of("ticketRef", recoveryCase.ticketRef));
    }

    /** Until the reset is carried out, the requester may change their mind; a frozen case is the desk's. */
    private static boolean isWithdrawable(CaseStatus status) {
        return status.isOpen() && status != CaseStatus.FROZEN;
    }
}
