package com.recoverydesk.evidence;

import com.recoverydesk.cases.RecoveryCase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The machine checks of evidence files: computed once at upload, in the upload's transaction, and
 * read back for the staff's case view. The checks are facts with reasons ({@link EvidenceChecks});
 * they decide nothing.
 */
@ApplicationScoped
public class EvidenceCheckService {

    /** The checks of every file of the case (not purged), by evidence id, in the order to show them. */
    @Transactional
    public Map<String, List<EvidenceCheckView>> checksForCase(String caseId) {
        Map<String, List<EvidenceCheckView>> byEvidence = new LinkedHashMap<>();
        List<EvidenceCheck> checks = EvidenceCheck.getEntityManager().createQuery(
                        "select c from EvidenceCheck c, EvidenceFile e where e.id = c.evidenceId and e.caseId = ?1 and e.purgedAt is null "
                                + "order by e.uploadedAt, e.id, c.position", EvidenceCheck.class)
                .setParameter(1, caseId).getResultList();
        for (EvidenceCheck check : checks) {
            byEvidence.computeIfAbsent(check.evidenceId, id -> new ArrayList<>()).add(check.view());
        }
        return byEvidence;
    }

    /** The case's evidence as staff see it, with each file's checks; never shown to the requester. */
    @Transactional
    public List<StaffEvidenceView> evidenceForStaff(String caseId) {
        Map<String, List<EvidenceCheckView>> checks = checksForCase(caseId);
        return EvidenceFile.ofCase(caseId).stream()
                .map(f -> new StaffEvidenceView(f.id, f.kind.name(), f.contentType, f.sizeBytes, f.sha256, f.originalSha256,
                        f.originalSizeBytes, f.uploadedAt, f.submittedInRound, checks.getOrDefault(f.id, List.of())))
                .toList();
    }

    /** Computes and stores the checks of a file just recorded; runs in the caller's transaction. */
    List<EvidenceCheckView> recordChecks(EvidenceFile file, StoredEvidence stored, RecoveryCase recoveryCase) {
        List<EvidenceCheckView> checks = EvidenceChecks.of(file.kind, stored.format(), stored.imageFacts(), recoveryCase.openedAt,
                file.uploadedAt, sameFileElsewhere(file), stored.imageFacts().flatMap(facts -> similarElsewhere(file, facts.dHash())));
        int position = 0;
        for (EvidenceCheckView view : checks) {
            EvidenceCheck check = new EvidenceCheck();
            check.evidenceId = file.id;
            check.position = position++;
            check.code = view.code();
            check.outcome = view.outcome();
            check.reason = view.reason();
            check.relatedTicketRef = view.relatedTicketRef();
            check.persist();
        }
        return checks;
    }

    /** Purged files count too: their content is gone after retention, their hash is kept, and reuse is still reuse. */
    private static Optional<EvidenceChecks.SameFile> sameFileElsewhere(EvidenceFile file) {
        List<String> tickets = entityManager().createQuery(
                        "select c.ticketRef from EvidenceFile e, RecoveryCase c where c.id = e.caseId and e.originalSha256 = ?1 "
                                + "and e.caseId <> ?2 order by e.uploadedAt desc", String.class)
                .setParameter(1, file.originalSha256).setParameter(2, file.caseId).getResultList();
        return tickets.isEmpty() ? Optional.empty()
                : Optional.of(new EvidenceChecks.SameFile(tickets.get(0), (int) tickets.stream().distinct().count()));
    }

    /**
     * The nearest photo of another case within {@link EvidenceChecks#SIMILARITY_THRESHOLD}, exact
     * copies aside (the same-file check names those). A scan over the stored hashes, streamed:
     * fine for the hundreds of thousands of photos a desk keeps within retention; beyond that an
     * index (a BK-tree, or PostgreSQL's bit_count) would take its place.
     */
    private static Optional<EvidenceChecks.Similar> similarElsewhere(EvidenceFile file, long dHash) {
        if (!EvidenceChecks.hasStructure(dHash)) {
            return Optional.empty();
        }
        EvidenceChecks.Similar best = null;
        try (Stream<Object[]> rows = entityManager().createQuery(
                        "select e.dHash, c.ticketRef from EvidenceFile e, RecoveryCase c where c.id = e.caseId and e.dHash is not null "
                                + "and e.caseId <> ?1 and e.originalSha256 <> ?2", Object[].class)
                .setParameter(1, file.caseId).setParameter(2, file.originalSha256).getResultStream()) {
            for (Object[] row : (Iterable<Object[]>) rows::iterator) {
                long other = (Long) row[0];
                int distance = ImageSanitizer.distance(dHash, other);
                if (distance <= EvidenceChecks.SIMILARITY_THRESHOLD && EvidenceChecks.hasStructure(other)
                        && (best == null || distance < best.distance())) {
                    best = new EvidenceChecks.Similar((String) row[1], distance);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static EntityManager entityManager() {
        return EvidenceFile.getEntityManager();
    }
}
