package com.recoverydesk.evidence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;

/** An evidence file of a case: its metadata; the encrypted content is in evidence storage under {@link #objectKey}. */
@Entity
@Table(name = "evidence_file")
public class EvidenceFile extends PanacheEntityBase {

    @Id
    @Column(length = 36)
    public String id;

    @Column(name = "case_id", nullable = false, length = 36)
    public String caseId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    public EvidenceKind kind;

    /** Found by inspecting the content, never taken from the upload. */
    @Column(name = "content_type", nullable = false, length = 64)
    public String contentType;

    /** Of the content as stored and served to staff: a photo's re-encoded copy (docs/evidence-storage.md). */
    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    /** Of the content as stored and served to staff; what a read is checked against. */
    @Column(nullable = false, length = 64)
    public String sha256;

    /** Of the bytes the requester uploaded: what the audit trail and the requester's page show. */
    @Column(name = "original_size_bytes", nullable = false)
    public long originalSizeBytes;

    @Column(name = "original_sha256", nullable = false, length = 64)
    public String originalSha256;

    /** A photo's difference hash ({@link ImageSanitizer#dHash}); null for PDFs and videos. */
    @Column(name = "dhash")
    public Long dHash;

    @Column(name = "object_key", nullable = false, length = 200)
    public String objectKey;

    @Column(name = "uploaded_at", nullable = false)
    public OffsetDateTime uploadedAt;

    /** The evidence round that sent it to review; null while the requester may still replace it. */
    @Column(name = "submitted_in_round")
    public Integer submittedInRound;

    @Column(name = "purged_at")
    public OffsetDateTime purgedAt;

    /** When the content left storage; a purged file without it still has an object to delete. */
    @Column(name = "content_deleted_at")
    public OffsetDateTime contentDeletedAt;

    public static List<EvidenceFile> ofCase(String caseId) {
        return list("caseId = ?1 and purgedAt is null order by uploadedAt, id", caseId);
    }
}
