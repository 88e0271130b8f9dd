package com.recoverydesk.evidence;

import com.recoverydesk.audit.Actor;
import com.recoverydesk.audit.AuditTrail;
import com.recoverydesk.cases.CaseStatus;
import com.recoverydesk.cases.CaseSteps;
import com.recoverydesk.cases.EvidenceRequirements;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.process.Outbox;
import com.recoverydesk.process.RecoveryProcess;
import com.recoverydesk.web.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The requester's evidence for their case (DESIGN.md §3 step 4): upload while the case waits for
 * documents, then submit them for review. Every file's SHA-256 goes into the audit trail.
 */
@ApplicationScoped
public class CaseEvidenceService {

    private static final Logger LOG = Logger.getLogger(CaseEvidenceService.class);

    /** More is not needed for any case, and bounds what one requester can store. */
    static final int MAX_FILES_PER_CASE = 30;

    private final EvidenceFileService files;
    private final CaseSteps steps;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final EvidenceCheckService checks;

    public CaseEvidenceService(EvidenceFileService files, CaseSteps steps, Outbox outbox, AuditTrail audit, EvidenceCheckService checks) {
        this.files = files;
        this.steps = steps;
        this.outbox = outbox;
        this.audit = audit;
        this.checks = checks;
    }

    /**
     * What the upload says of itself: its file name and declared media type. Neither decides what
     * the file is (its content does), but a file whose label contradicts its content is refused:
     * a PNG named .pdf was renamed, and a renamed document is no evidence to rely on.
     */
    public record DeclaredFile(String fileName, String mediaType) {

        Optional<EvidenceFormat> claimedFormat() {
            String name = fileName == null ? "" : fileName.toLowerCase(java.util.Locale.ROOT);
            String type = mediaType == null ? "" : mediaType.toLowerCase(java.util.Locale.ROOT);
            if (name.endsWith(".jpg") || name.endsWith(".jpeg") || type.equals("image/jpeg")) {
                return Optional.of(EvidenceFormat.JPEG);
            }
            if (name.endsWith(".png") || type.equals("image/png")) {
                return Optional.of(EvidenceFormat.PNG);
            }
            if (name.endsWith(".pdf") || type.equals("application/pdf")) {
                return Optional.of(EvidenceFormat.PDF);
            }
            if (name.endsWith(".mp4") || type.equals("video/mp4")) {
                return Optional.of(EvidenceFormat.MP4);
            }
            return Optional.empty();
        }
    }

    public record UploadedEvidence(String evidenceId, EvidenceKind kind, String sha256, long size, String contentType) {}

    /**
     * Stores the upload and records it, with its machine checks; a new file of a kind replaces the
     * one not yet submitted. The file streams to storage outside any transaction; if recording it
     * fails, it is deleted again. The replaced file's content is deleted only once the new record
     * is committed: a transaction that rolls back must leave the evidence it replaced readable.
     *
     * @throws ProblemException 409 when the case is not waiting for documents; 400/413/415 for the file
     */
    public UploadedEvidence upload(String caseId, EvidenceKind kind, InputStream content, DeclaredFile declared) {
        QuarkusTransaction.requiringNew().run(() -> requireAwaitingEvidence(caseId));
        StoredEvidence stored = files.storeUpload(kind, content);
        Optional<EvidenceFormat> claimed = declared.claimedFormat();
        if (claimed.isPresent() && claimed.get() != stored.format()) {
            files.deleteContent(stored.objectKey());
            throw new ProblemException(415, "Mislabelled file", "The file is called or declared " + claimed.get().description()
                    + " but its content is " + stored.format().description() + ". Upload the original file.").withCode("evidence.refused");
        }
        Recorded recorded;
        try {
            recorded = QuarkusTransaction.requiringNew().call(() -> record(caseId, stored));
        } catch (RuntimeException failed) {
            files.deleteContent(stored.objectKey());
            throw failed;
        }
        for (String replacedKey : recorded.replacedObjectKeys()) {
            deleteReplaced(replacedKey);
        }
        return recorded.uploaded();
    }

    /** The new file, and the content of what it replaced, which may go now that the record is committed. */
    private record Recorded(UploadedEvidence uploaded, List<String> replacedObjectKeys) {}

    /** A replaced file left behind is only wasted space (its record says it is purged); the upload itself succeeded. */
    private void deleteReplaced(String objectKey) {
        try {
            files.deleteContent(objectKey);
        } catch (RuntimeException e) {
            LOG.warnf("Could not delete replaced evidence object %s: %s", objectKey, e.getMessage());
        }
    }

    private Recorded record(String caseId, StoredEvidence stored) {
        RecoveryCase recoveryCase = caseToChange(caseId);
        if (EvidenceFile.count("caseId = ?1 and purgedAt is null", caseId) >= MAX_FILES_PER_CASE) {
            throw ProblemException.conflict("This case already holds " + MAX_FILES_PER_CASE + " files; submit them or ask the desk.").withCode("evidence.too-many-files");
        }
        List<EvidenceFile> replaced = EvidenceFile.list("caseId = ?1 and kind = ?2 and submittedInRound is null and purgedAt is null", caseId, stored.kind());
        EvidenceFile file = new EvidenceFile();
        file.id = UUID.randomUUID().toString();
        file.caseId = caseId;
        file.kind = stored.kind();
        file.contentType = stored.contentType();
        file.sizeBytes = stored.size();
        file.sha256 = stored.sha256();
        file.originalSizeBytes = stored.originalSize();
        file.originalSha256 = stored.originalSha256();
        file.dHash = stored.imageFacts().map(ImageFacts::dHash).orElse(null);
        file.objectKey = stored.objectKey();
        file.uploadedAt = OffsetDateTime.now(ZoneOffset.UTC);
        file.persist();
        List<EvidenceCheckView> computed = checks.recordChecks(file, stored, recoveryCase);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("evidenceId", file.id);
        details.put("kind", file.kind.name());
        // the uploaded bytes' hash, which the requester can compute from their file; a photo is stored re-encoded
        details.put("sha256", file.originalSha256);
        details.put("sizeBytes", file.originalSizeBytes);
        details.put("storedSha256", file.sha256);
        details.put("storedSizeBytes", file.sizeBytes);
        details.put("contentType", file.contentType);
        details.put("replaces", replaced.stream().map(f -> f.id).toList());
        details.put("checksFlagged", computed.stream().filter(c -> EvidenceChecks.FLAG.equals(c.outcome())).map(EvidenceCheckView::code).toList());
        audit.record(Actor.requester(), "evidence.uploaded", caseId, details);
        for (EvidenceFile old : replaced) {
            old.purgedAt = file.uploadedAt;
        }
        recoveryCase.updatedAt = file.uploadedAt;
        return new Recorded(new UploadedEvidence(file.id, file.kind, file.originalSha256, file.originalSizeBytes, file.contentType),
                replaced.stream().map(f -> f.objectKey).toList());
    }

    /**
     * Sends the uploaded files to review: refused, naming what is missing, until every requirement
     * is met (and, after a request for more information, until something new was uploaded).
     */
    @Transactional
    public void submit(String caseId) {
        RecoveryCase recoveryCase = caseToChange(caseId);
        if (recoveryCase.requiredEvidence == null) {
            throw ProblemException.conflict("We are still preparing your case. Please try again in a minute.").withCode("evidence.still-preparing");
        }
        List<EvidenceFile> all = EvidenceFile.ofCase(caseId);
        List<String> kinds = all.stream().map(f -> f.kind.name()).toList();
        List<EvidenceRequirements.Requirement> missing = EvidenceRequirements.missing(recoveryCase.requiredEvidence, kinds);
        if (!missing.isEmpty()) {
            throw ProblemException.badRequest("Still missing: " + String.join("; ",
                    missing.stream().map(r -> String.join(" or ", r.anyOf())).toList()) + ".").withCode("evidence.still-missing");
        }
        List<EvidenceFile> fresh = all.stream().filter(f -> f.submittedInRound == null).toList();
        if (fresh.isEmpty()) {
            throw ProblemException.badRequest("Upload at least one new file before you submit again.").withCode("evidence.nothing-new");
        }
        int round = recoveryCase.moreInfoRounds;
        if (!steps.firstTime(caseId, "evidence-submitted:round-" + round)) {
            throw ProblemException.conflict("These documents were already submitted.").withCode("evidence.already-submitted");
        }
        fresh.forEach(f -> f.submittedInRound = round);
        recoveryCase.status = CaseStatus.IN_REVIEW;
        recoveryCase.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        outbox.publishMessage(caseId, RecoveryProcess.Messages.EVIDENCE_SUBMITTED, "evidence-submitted:" + caseId + ":" + round,
                Map.of("evidenceRound", round));
        audit.record(Actor.requester(), "evidence.submitted", caseId,
                Map.of("round", round, "evidenceIds", fresh.stream().map(f -> f.id).toList()));
    }

    /**
     * The case under its row lock, taken first, as the workers take it: a row touched before the lock
     * (the new file's foreign key share-locks the case) let an upload and a worker deadlock.
     */
    private static RecoveryCase caseToChange(String caseId) {
        return requireAwaiting(RecoveryCase.findById(caseId, LockModeType.PESSIMISTIC_WRITE));
    }

    private static RecoveryCase requireAwaitingEvidence(String caseId) {
        return requireAwaiting(RecoveryCase.findById(caseId));
    }

    private static RecoveryCase requireAwaiting(RecoveryCase recoveryCase) {
        if (recoveryCase == null) {
            throw ProblemException.notFound("No such case.").withCode("case.not-found");
        }
        if (recoveryCase.status != CaseStatus.AWAITING_EVIDENCE) {
            throw ProblemException.conflict("Your case is not waiting for documents at the moment.").withCode("evidence.not-awaiting");
        }
        return recoveryCase;
    }
}
