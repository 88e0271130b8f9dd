package com.recoverydesk.evidence;

import com.recoverydesk.web.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
    private final PdfInspector pdfInspector = new PdfInspector();
    private final ImageSanitizer imageSanitizer = new ImageSanitizer();
    /** PDFs and photos held in memory and parsed at once; each may take tens of MB while decoded. */
    static final int CONCURRENT_PARSES = 2;
    private static final Duration PARSE_PERMIT_WAIT = Duration.ofSeconds(30);
    private final Semaphore parsePermits = new Semaphore(CONCURRENT_PARSES, true);

    public EvidenceFileService(EvidenceStorage storage, ContentInspector inspector, long maxBytes) {
        this.storage = storage;
        this.inspector = inspector;
        this.maxBytes = maxBytes;
    }

    /**
     * Inspects, size-checks, hashes and stores an upload of unknown length. No file name and no
     * declared type is asked for, because neither is trusted. The first
     * {@link ContentInspector#INSPECTION_WINDOW} bytes are inspected, then:
     * <ul>
     *   <li>a video streams through to storage in bounded memory while its box structure is walked
     *       ({@link Mp4StructureCheck}), and is refused at its end if it holds no recording;</li>
     *   <li>a PDF is read whole (at most {@code recovery.evidence.max-bytes}) and refused if it holds
     *       JavaScript or launch actions ({@link PdfInspector});</li>
     *   <li>a photo is read whole, decoded and re-encoded without what followed the image and without
     *       its metadata ({@link ImageSanitizer}); decoding needs its pixels in memory anyway, which the
     *       dimension caps bound.</li>
     * </ul>
     * At most {@link #CONCURRENT_PARSES} PDFs and photos are held and parsed at once, so that the
     * memory they take stays bounded whatever the number of uploads.
     *
     * @throws EvidenceRefusedException (a {@link ProblemException}) 400 for an empty or damaged file,
     *                                  415 for a format the kind does not accept or a PDF with active
     *                                  content, 413 for a file over {@code recovery.evidence.max-bytes}
     *                                  or an image over the dimension caps; nothing is stored then
     * @throws UncheckedIOException     when the upload stream or the storage fails
     */
    public StoredEvidence storeUpload(EvidenceKind kind, InputStream content) {
        try {
            byte[] head = content.readNBytes(ContentInspector.INSPECTION_WINDOW);
            boolean wholeFile = head.length < ContentInspector.INSPECTION_WINDOW;
            InspectedContent inspected = inspector.inspect(kind, head, wholeFile);
            InputStream whole = new SizeLimitedInputStream(new SequenceInputStream(new ByteArrayInputStream(head), content), maxBytes);
            if (inspected.format() == EvidenceFormat.MP4) {
                StoredObject stored = storage.store(new Mp4StructureCheck(whole));
                LOG.debugf("Stored evidence object %s: %s, %d bytes", stored.objectKey(), inspected.format(), stored.size());
                return new StoredEvidence(kind, stored.objectKey(), inspected.format(), stored.size(), stored.sha256(),
                        stored.keyId(), 0, 0, stored.size(), stored.sha256(), Optional.empty());
            }
            acquireParsePermit();
            try {
                byte[] original = whole.readAllBytes();
                String originalSha256 = sha256Hex(original);
                if (inspected.format() == EvidenceFormat.PDF) {
                    pdfInspector.check(original);
                    StoredObject stored = storage.store(new ByteArrayInputStream(original));
                    return new StoredEvidence(kind, stored.objectKey(), inspected.format(), stored.size(), stored.sha256(),
                            stored.keyId(), 0, 0, original.length, originalSha256, Optional.empty());
                }
                ImageSanitizer.Sanitized sanitized = imageSanitizer.sanitize(inspected.format(), original);
                StoredObject stored = storage.store(new ByteArrayInputStream(sanitized.content()));
                LOG.debugf("Stored evidence object %s: %s re-encoded, %d bytes of %d uploaded", stored.objectKey(), inspected.format(),
                        stored.size(), original.length);
                return new StoredEvidence(kind, stored.objectKey(), inspected.format(), stored.size(), stored.sha256(),
                        stored.keyId(), sanitized.width(), sanitized.height(), original.length, originalSha256,
                        Optional.of(sanitized.facts()));
            } finally {
                parsePermits.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Storing an evidence upload failed", e);
        }
    }

    private void acquireParsePermit() {
        try {
            if (!parsePermits.tryAcquire(PARSE_PERMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new EvidenceRefusedException(EvidenceRefusedException.Reason.BUSY,
                        "Many files are being uploaded right now. Please try again in a minute.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvidenceRefusedException(EvidenceRefusedException.Reason.BUSY, "Please try again in a minute.");
        }
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
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
            throw ProblemException.notFound("This evidence file is no longer available.").withCode("evidence.gone");
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
