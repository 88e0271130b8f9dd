package com.recoverydesk.evidence;

import com.recoverydesk.web.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.jboss.logging.Logger;

/**
 * The evidence files of a case: accepting an upload (inspected by content, limited in size,
 * encrypted as it streams to storage), handing its content back, and deleting it. The case model,
 * the audit entries and the endpoints sit on top of this; it knows nothing of cases.
 *
 * <p>An application-scoped bean (see {@link EvidenceWiring}); plain Java otherwise, so the tests
 * build it directly.
 */
public class EvidenceFileService {

    private static final Logger LOG = Logger.getLogger(EvidenceFileService.class);

    private final EvidenceStorage storage;
    private final ContentInspector inspector;
    private final long maxBytes;

    public EvidenceFileService(EvidenceStorage storage, ContentInspector inspector, long maxBytes) {
        this.storage = storage;
        this.inspector = inspector;
        this.maxBytes = maxBytes;
    }

    /**
     * Inspects, size-checks, hashes and stores an upload of unknown length, in bounded memory: the
     * first {@link ContentInspector#INSPECTION_WINDOW} bytes are held for inspection, the rest
     * streams through. No file name and no declared type is asked for, because neither is trusted.
     *
     * @throws EvidenceRefusedException (a {@link ProblemException}) 400 for an empty or damaged file,
     *                                  415 for a format the kind does not accept, 413 for a file over
     *                                  {@code recovery.evidence.max-bytes} or an image over the
     *                                  dimension caps; nothing is stored then
     * @throws UncheckedIOException     when the upload stream or the storage fails
     */
    public StoredEvidence storeUpload(EvidenceKind kind, InputStream content) {
        try {
            byte[] head = content.readNBytes(ContentInspector.INSPECTION_WINDOW);
            boolean wholeFile = head.length < ContentInspector.INSPECTION_WINDOW;
            InspectedContent inspected = inspector.inspect(kind, head, wholeFile);
            InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head), content);
            StoredObject stored = storage.store(new SizeLimitedInputStream(whole, maxBytes));
            LOG.debugf("Stored evidence object %s: %s, %d bytes", stored.objectKey(), inspected.format(), stored.size());
            return new StoredEvidence(kind, stored.objectKey(), inspected.format(), stored.size(), stored.sha256(),
                    stored.keyId(), inspected.width(), inspected.height());
        } catch (IOException e) {
            throw new UncheckedIOException("Storing an evidence upload failed", e);
        }
    }

    /**
     * The decrypted content, to be streamed to a reviewer and closed by the caller. Bytes are
     * released only after they are authenticated; an altered object fails while being read.
     *
     * @throws ProblemException 404 when the object is gone (purged after retention)
     */
    public InputStream openContent(String objectKey) {
        try {
            return storage.open(objectKey);
        } catch (NoSuchFileException | IllegalArgumentException e) {
            throw ProblemException.notFound("This evidence file is no longer available.");
        } catch (IOException e) {
            throw new UncheckedIOException("Opening evidence object " + objectKey + " failed", e);
        }
    }

    /** Deletes the content (retention purge, withdrawn case); true if there was any. */
    public boolean deleteContent(String objectKey) {
        try {
            return storage.delete(objectKey);
        } catch (IOException e) {
            throw new UncheckedIOException("Deleting evidence object " + objectKey + " failed", e);
        }
    }

    /** What a rotation sweep did. */
    public record RewrapSummary(int rewrapped, int alreadyCurrent, int failed) {
    }

    /**
     * Re-wraps every object's data key under the current master key (step 3 of a rotation,
     * docs/evidence-storage.md). An object that fails is logged by its key and counted, and the
     * sweep goes on; running it again retries only what is left.
     */
    public RewrapSummary rewrapAll() {
        int[] counts = new int[3];
        try {
            storage.forEachObjectKey(objectKey -> {
                try {
                    counts[storage.rewrap(objectKey) ? 0 : 1]++;
                } catch (IOException | RuntimeException e) {
                    counts[2]++;
                    LOG.warnf("Could not re-wrap evidence object %s: %s", objectKey, e.getMessage());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Listing the evidence objects failed", e);
        }
        RewrapSummary summary = new RewrapSummary(counts[0], counts[1], counts[2]);
        LOG.infof("Evidence re-wrap: %d re-wrapped, %d already current, %d failed", summary.rewrapped(), summary.alreadyCurrent(), summary.failed());
        return summary;
    }
}
