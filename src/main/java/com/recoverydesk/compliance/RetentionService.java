package com.recoverydesk.compliance;

import com.recoverydesk.audit.Actor;
import com.recoverydesk.audit.AuditTrail;
import com.recoverydesk.cases.CasePersonalData;
import com.recoverydesk.cases.CaseStatus;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.evidence.EvidenceConfig;
import com.recoverydesk.evidence.EvidenceRetention;
import com.recoverydesk.intake.IntakePersonalData;
import com.recoverydesk.reset.CaseFreeze;
import com.recoverydesk.web.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Retention (DESIGN.md §3 step 10, docs/compliance.md "Retention"): closed cases lose their
 * evidence files and personal fields once {@code recovery.evidence.retention} has passed since
 * they closed, or earlier when an admin erases them on request. What was purged is recorded in
 * an audit entry appended to the trail (hashes stay); no existing entry is touched. A held case
 * (disputed, or frozen and never released) is not purged until its holds are released.
 */
@ApplicationScoped
public class RetentionService {

    private static final Logger LOG = Logger.getLogger(RetentionService.class);
    static final int CONTENT_DELETIONS_PER_RUN = 1000;

    /** What happened to one case. */
    public enum Outcome { PURGED, HELD, ALREADY_PURGED, NOT_CLOSED, NO_SUCH_CASE }

    /** What one purge run did. */
    public record PurgeSummary(int purged, int held, int failed, int contentDeleted, int contentDeleteFailed) {}

    private final EvidenceConfig evidenceConfig;
    private final RetentionConfig config;
    private final CasePersonalData cases;
    private final IntakePersonalData intake;
    private final EvidenceRetention evidence;
    private final AuditTrail audit;

    public RetentionService(EvidenceConfig evidenceConfig, RetentionConfig config, CasePersonalData cases, IntakePersonalData intake,
                            EvidenceRetention evidence, AuditTrail audit) {
        this.evidenceConfig = evidenceConfig;
        this.config = config;
        this.cases = cases;
        this.intake = intake;
        this.evidence = evidence;
        this.audit = audit;
    }

    /**
     * Purges every closed, unheld case that closed more than the retention period before
     * {@code now}, each in its own transaction, then deletes the purged files' content.
     *
     * @param now the scheduler's clock, or the test's
     */
    public PurgeSummary purgeDue(Instant now) {
        OffsetDateTime cutoff = now.minus(evidenceConfig.retention()).atOffset(ZoneOffset.UTC);
        int purged = 0;
        int held = 0;
        int failed = 0;
        OffsetDateTime afterClosedAt = null;
        String afterId = "";
        while (true) {
            List<Object[]> batch = due(cutoff, afterClosedAt, afterId);
            for (Object[] row : batch) {
                String caseId = (String) row[0];
                afterClosedAt = (OffsetDateTime) row[1];
                afterId = caseId;
                try {
                    Outcome outcome = QuarkusTransaction.requiringNew().call(() -> purge(caseId, now, CasePersonalData.RETENTION, Actor.system(), null));
                    if (outcome == Outcome.PURGED) {
                        purged++;
                    } else if (outcome == Outcome.HELD) {
                        held++;
                    }
                } catch (RuntimeException e) {
                    // one case that cannot be purged now must not stop the others; the next run tries again
                    failed++;
                    LOG.warnf("Retention purge of case %s failed: %s", caseId, e.getClass().getSimpleName());
                }
            }
            if (batch.size() < config.batchSize()) {
                break;
            }
        }
        EvidenceRetention.ContentDeletion deletion = evidence.deletePurgedContent(CONTENT_DELETIONS_PER_RUN);
        if (purged + held + failed + deletion.deleted() + deletion.failed() > 0) {
            LOG.infof("Retention purge: %d cases purged, %d held, %d failed; %d files deleted from storage, %d deletions to retry",
                    purged, held, failed, deletion.deleted(), deletion.failed());
        }
        return new PurgeSummary(purged, held, failed, deletion.deleted(), deletion.failed());
    }

    /** Closed cases past the cutoff, kept, and without an unreleased hold, after the keyset position. */
    private List<Object[]> due(OffsetDateTime cutoff, OffsetDateTime afterClosedAt, String afterId) {
        String after = afterClosedAt == null ? "" : " and (c.closedAt > :afterClosedAt or (c.closedAt = :afterClosedAt and c.id > :afterId))";
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = RecoveryCase.getEntityManager().createQuery(
                            "select c.id, c.closedAt from RecoveryCase c where c.status in :closed and c.closedAt < :cutoff"
                                    + " and c.personalDataPurgedAt is null" + after
                                    + " and not exists (select h.id from RetentionHold h where h.caseId = c.id and h.releasedAt is null)"
                                    + " order by c.closedAt, c.id", Object[].class)
                    .setParameter("closed", CaseStatus.CLOSED)
                    .setParameter("cutoff", cutoff)
                    .setMaxResults(config.batchSize());
            if (afterClosedAt != null) {
                query.setParameter("afterClosedAt", afterClosedAt).setParameter("afterId", afterId);
            }
            return query.getResultList();
        });
    }

    /**
     * An admin's erasure of a closed case on request, before its retention ends.
     *
     * @throws ProblemException 404 no such case; 409 open, held or already purged
     */
    public void erase(String caseId, String reason, Actor admin) {
        String why = reason == null ? "" : reason.trim();
        if (why.isEmpty() || why.length() > 500) {
            throw ProblemException.badRequest("Give the reason for the erasure (the request it answers), at most 500 characters.");
        }
        Outcome outcome = QuarkusTransaction.requiringNew().call(() -> purge(caseId, Instant.now(), CasePersonalData.ERASURE, admin, why));
        switch (outcome) {
            case PURGED -> evidence.deletePurgedContent(CONTENT_DELETIONS_PER_RUN);
            case NO_SUCH_CASE -> throw ProblemException.notFound("No such case.");
            case NOT_CLOSED -> throw ProblemException.conflict("The case is still open: only a closed case can be erased.");
            case HELD -> throw ProblemException.conflict("The case is held from purge (disputed or frozen): release its hold first.");
            case ALREADY_PURGED -> throw ProblemException.conflict("The case's personal data was already purged.");
        }
    }

    private Outcome purge(String caseId, Instant now, String reason, Actor actor, String erasureReason) {
        RecoveryCase recoveryCase = cases.lock(caseId).orElse(null);
        if (recoveryCase == null) {
            return Outcome.NO_SUCH_CASE;
        }
        if (recoveryCase.personalDataPurgedAt != null) {
            return Outcome.ALREADY_PURGED;
        }
        if (recoveryCase.status.isOpen()) {
            return Outcome.NOT_CLOSED;
        }
        if (RetentionHold.count("caseId = ?1 and releasedAt is null", caseId) > 0) {
            return Outcome.HELD;
        }
        if (CaseFreeze.count("caseId = ?1 and reopenedAt is null", caseId) > 0
                && RetentionHold.count("caseId = ?1 and reason = ?2", caseId, RetentionHold.FROZEN) == 0) {
            // a freeze nobody lifted: someone disputed the reset; keep everything until a person releases it
            place(caseId, RetentionHold.FROZEN, null, Actor.system(), now);
            return Outcome.HELD;
        }
        OffsetDateTime at = now.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        List<EvidenceRetention.PurgedFile> files = evidence.markCasePurged(caseId, at);
        int messages = cases.erase(recoveryCase, at, reason);
        int requests = intake.eraseOfCase(caseId);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ticketRef", recoveryCase.ticketRef);
        details.put("reason", reason);
        if (recoveryCase.closedAt != null) {
            details.put("closedAt", recoveryCase.closedAt.toInstant().toString());
        }
        if (erasureReason != null) {
            details.put("request", erasureReason);
        } else {
            details.put("retention", evidenceConfig.retention().toString());
        }
        List<Map<String, Object>> fileRecords = new ArrayList<>();
        for (EvidenceRetention.PurgedFile file : files) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("evidenceId", file.evidenceId());
            f.put("kind", file.kind());
            f.put("sha256", file.sha256());
            f.put("storedSha256", file.storedSha256());
            fileRecords.add(f);
        }
        details.put("files", fileRecords);
        details.put("fieldsCleared", List.of("description", "requestCountry", "messages:" + messages, "intakeDescriptions:" + requests, "evidenceDHash"));
        audit.record(actor, CasePersonalData.ERASURE.equals(reason) ? "retention.erased" : "retention.purged", caseId, details);
        return Outcome.PURGED;
    }

    /**
     * Places a DISPUTED hold on a case (compliance or an admin): it is not purged, whatever its age,
     * until the hold is released.
     *
     * @throws ProblemException 404 no such case; 409 already purged or already disputed
     */
    @Transactional
    public RetentionStateView placeHold(String caseId, String note, Actor who) {
        String text = requireNote(note, "Say why the case is held (the dispute), at most 500 characters.");
        RecoveryCase recoveryCase = cases.lock(caseId).orElseThrow(() -> ProblemException.notFound("No such case."));
        if (recoveryCase.personalDataPurgedAt != null) {
            throw ProblemException.conflict("The case's personal data was already purged; there is nothing left to hold.");
        }
        if (RetentionHold.count("caseId = ?1 and reason = ?2 and releasedAt is null", caseId, RetentionHold.DISPUTED) > 0) {
            throw ProblemException.conflict("The case is already held as disputed.");
        }
        place(caseId, RetentionHold.DISPUTED, text, who, Instant.now());
        return state(recoveryCase);
    }

    /**
     * Releases every unreleased hold of the case; the purge takes it at its next run if its
     * retention has ended.
     *
     * @throws ProblemException 404 no such case; 409 nothing held
     */
    @Transactional
    public RetentionStateView releaseHolds(String caseId, String note, Actor who) {
        String text = requireNote(note, "Say why the hold ends, at most 500 characters.");
        RecoveryCase recoveryCase = cases.lock(caseId).orElseThrow(() -> ProblemException.notFound("No such case."));
        List<RetentionHold> open = RetentionHold.list("caseId = ?1 and releasedAt is null", caseId);
        if (open.isEmpty()) {
            throw ProblemException.conflict("The case is not held.");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (RetentionHold hold : open) {
            hold.releasedAt = now;
            hold.releasedBy = who.subject();
            hold.releaseNote = text;
        }
        audit.record(who, "retention.hold-released", caseId, Map.of("holds", open.stream().map(h -> h.id).toList(),
                "reasons", open.stream().map(h -> h.reason).toList()));
        return state(recoveryCase);
    }

    /** The case's retention: when it is due, whether it is held and by what, whether it was purged. */
    @Transactional
    public RetentionStateView state(String caseId) {
        RecoveryCase recoveryCase = RecoveryCase.<RecoveryCase>findByIdOptional(caseId).orElseThrow(() -> ProblemException.notFound("No such case."));
        return state(recoveryCase);
    }

    private RetentionStateView state(RecoveryCase c) {
        List<RetentionStateView.Hold> holds = RetentionHold.ofCase(c.id).stream().map(h -> new RetentionStateView.Hold(h.id, h.reason, h.note,
                h.placedBy, h.placedAt.toInstant(), h.releasedBy, h.releasedAt == null ? null : h.releasedAt.toInstant(), h.releaseNote)).toList();
        boolean openFreeze = CaseFreeze.count("caseId = ?1 and reopenedAt is null", c.id) > 0;
        boolean frozenHoldEver = holds.stream().anyMatch(h -> RetentionHold.FROZEN.equals(h.reason()));
        boolean held = holds.stream().anyMatch(h -> h.releasedAt() == null) || openFreeze && !frozenHoldEver;
        Instant closedAt = c.closedAt == null ? null : c.closedAt.toInstant();
        return new RetentionStateView(c.id, c.ticketRef, c.status.name(), closedAt,
                closedAt == null ? null : closedAt.plus(evidenceConfig.retention()), held, openFreeze,
                c.personalDataPurgedAt == null ? null : c.personalDataPurgedAt.toInstant(), c.purgeReason, holds);
    }

    private RetentionHold place(String caseId, String reason, String note, Actor who, Instant now) {
        RetentionHold hold = new RetentionHold();
        hold.caseId = caseId;
        hold.reason = reason;
        hold.note = note;
        hold.placedBy = who.subject();
        hold.placedAt = now.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        hold.persist();
        audit.record(who, "retention.hold-placed", caseId, Map.of("hold", hold.id, "reason", reason));
        return hold;
    }

    private static String requireNote(String note, String message) {
        String text = note == null ? "" : note.trim();
        if (text.isEmpty() || text.length() > 500) {
            throw ProblemException.badRequest(message);
        }
        return text;
    }
}
