package com.recoverydesk.evidence;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Evidence at the end of its retention: the rows and their hashes stay (the audit trail and the
 * reset report name them), the content goes. The content is deleted through the storage port
 * only ({@link EvidenceStorage#delete}), so the filesystem and any other storage behave alike.
 */
@ApplicationScoped
public class EvidenceRetention {

    private static final Logger LOG = Logger.getLogger(EvidenceRetention.class);

    /** What the purge record of a case keeps of each of its files. */
    public record PurgedFile(String evidenceId, String kind, String sha256, String storedSha256, boolean purgedNow) {}

    private final EvidenceFileService files;

    public EvidenceRetention(EvidenceFileService files) {
        this.files = files;
    }

    /**
     * Marks every file of the case purged (in the caller's transaction) and drops the photo's
     * likeness hash (dHash): it describes the picture, while the SHA-256 only proves which bytes
     * were seen. The content is deleted by {@link #deletePurgedContent} after the commit, so a
     * rollback never leaves a record pointing at deleted content.
     *
     * @return every file of the case, those purged earlier (replaced uploads) too
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<PurgedFile> markCasePurged(String caseId, OffsetDateTime now) {
        List<EvidenceFile> all = EvidenceFile.list("caseId = ?1 order by uploadedAt, id", caseId);
        return all.stream().map(f -> {
            boolean fresh = f.purgedAt == null;
            if (fresh) {
                f.purgedAt = now;
            }
            f.dHash = null;
            return new PurgedFile(f.id, f.kind.name(), f.originalSha256, f.sha256, fresh);
        }).toList();
    }

    /** What one run of {@link #deletePurgedContent} did. */
    public record ContentDeletion(int deleted, int alreadyGone, int failed) {}

    /**
     * Deletes the content of purged files (retention, erasure, replaced uploads) still marked as
     * stored, oldest first, at most {@code limit}. A deletion that fails (storage unreachable) is
     * left marked and tried again on the next run.
     */
    public ContentDeletion deletePurgedContent(int limit) {
        List<PendingContent> pending = QuarkusTransaction.requiringNew().call(() -> EvidenceFile
                .<EvidenceFile>find("purgedAt is not null and contentDeletedAt is null order by purgedAt, id")
                .page(0, limit).list().stream().map(f -> new PendingContent(f.id, f.objectKey)).toList());
        Deletions done = deleteThroughPort(pending, files);
        if (!done.goneIds().isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> EvidenceFile.update("contentDeletedAt = ?1 where id in ?2",
                    OffsetDateTime.now(ZoneOffset.UTC), done.goneIds()));
        }
        return new ContentDeletion(done.deleted(), done.alreadyGone(), done.failed());
    }

    /** A purged file whose content may still be in storage. */
    record PendingContent(String evidenceId, String objectKey) {}

    /** @param goneIds the files whose content is gone now, deleted by this run or before it */
    record Deletions(List<String> goneIds, int deleted, int alreadyGone, int failed) {}

    /** Deletes each file's content through the storage port, whichever storage it is; a failure leaves that file for the next run. */
    static Deletions deleteThroughPort(List<PendingContent> pending, EvidenceFileService files) {
        List<String> gone = new ArrayList<>();
        int deleted = 0;
        int alreadyGone = 0;
        int failed = 0;
        for (PendingContent file : pending) {
            try {
                if (files.deleteContent(file.objectKey())) {
                    deleted++;
                } else {
                    alreadyGone++;
                }
                gone.add(file.evidenceId());
            } catch (RuntimeException e) {
                failed++;
                LOG.warnf("Could not delete purged evidence object of file %s (retried on the next run): %s", file.evidenceId(),
                        e.getClass().getSimpleName());
            }
        }
        return new Deletions(gone, deleted, alreadyGone, failed);
    }
}
