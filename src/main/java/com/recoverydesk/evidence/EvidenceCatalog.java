package com.recoverydesk.evidence;

import com.recoverydesk.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;

/**
 * The evidence of a case as the desk reads it: the files' metadata for the case page, and a file's
 * content for the viewer, checked against the SHA-256 recorded at upload before any byte is handed out.
 */
@ApplicationScoped
public class EvidenceCatalog {

    /** A file's metadata; {@code round} is the evidence round that submitted it, null while not submitted. */
    public record EvidenceItem(String evidenceId, EvidenceKind kind, String contentType, long sizeBytes, String sha256,
                               OffsetDateTime uploadedAt, Integer round) {}

    /** The content of a file whose SHA-256 matched the recorded one. */
    public record VerifiedContent(EvidenceItem item, byte[] bytes) {}

    private final EvidenceFileService files;
    private final EvidenceConfig config;

    public EvidenceCatalog(EvidenceFileService files, EvidenceConfig config) {
        this.files = files;
        this.config = config;
    }

    /** The case's files that are not purged, oldest first. */
    @Transactional
    public List<EvidenceItem> ofCase(String caseId) {
        return EvidenceFile.ofCase(caseId).stream().map(EvidenceCatalog::item).toList();
    }

    /**
     * The file's content, decrypted and hashed; refused if the hash is not the recorded one.
     * Held in memory (at most {@code recovery.evidence.max-bytes}) rather than streamed, because a
     * mismatch found after the first bytes went out could no longer be told to the viewer, and a
     * decrypted copy on disk would defeat the encryption at rest.
     *
     * @throws ProblemException 404 for an unknown or purged file; 409 when the content does not match its hash
     */
    public VerifiedContent readVerified(String caseId, String evidenceId) {
        EvidenceFile file = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> located(caseId, evidenceId));
        EvidenceItem item = item(file);
        byte[] bytes;
        try (InputStream content = files.openContent(file.objectKey)) {
            bytes = content.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, config.maxBytes() + 1));
        } catch (IOException e) {
            throw new UncheckedIOException("Reading evidence " + evidenceId + " failed", e);
        }
        if (!sha256(bytes).equals(item.sha256())) {
            throw new ProblemException(409, "Evidence integrity check failed",
                    "This file does not match the SHA-256 recorded at upload; it is not shown. Tell the administrator.");
        }
        return new VerifiedContent(item, bytes);
    }

    /** The file's metadata; 404 when it is not a file of this case or was purged. */
    @Transactional
    public EvidenceItem find(String caseId, String evidenceId) {
        return item(located(caseId, evidenceId));
    }

    private static EvidenceFile located(String caseId, String evidenceId) {
        EvidenceFile file = evidenceId == null ? null : EvidenceFile.findById(evidenceId);
        if (file == null || !file.caseId.equals(caseId) || file.purgedAt != null) {
            throw ProblemException.notFound("No such evidence file in this case.").withCode("evidence.no-such-file");
        }
        return file;
    }

    private static EvidenceItem item(EvidenceFile file) {
        return new EvidenceItem(file.id, file.kind, file.contentType, file.sizeBytes, file.sha256, file.uploadedAt, file.submittedInRound);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
