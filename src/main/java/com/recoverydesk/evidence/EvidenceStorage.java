package com.recoverydesk.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Where evidence content lives, encrypted (docs/evidence-storage.md). The filesystem
 * implementation serves the embedded default; an S3-compatible one can take its place for
 * several replicas, with the same encryption ({@link EvidenceEncryption}) over its own transport.
 *
 * <p>Implementations stream: neither storing nor opening holds an object in memory.
 */
public interface EvidenceStorage {

    /**
     * Encrypts and stores everything {@code plaintext} yields, computing its SHA-256 on the way. The
     * object becomes visible only once complete: if reading or writing fails (including an
     * {@link EvidenceRefusedException} thrown by the stream itself, such as a size limit), nothing
     * is left behind and the failure is rethrown.
     */
    StoredObject store(InputStream plaintext) throws IOException;

    /**
     * The decrypted content, authenticated as it is read.
     *
     * @throws java.nio.file.NoSuchFileException  when no object has this key (never stored, or deleted)
     * @throws EvidenceUnreadableException       when its master key is unknown, or on the first
     *                                           altered byte while reading
     */
    InputStream open(String objectKey) throws IOException;

    /** Removes the object; true if there was one. */
    boolean delete(String objectKey) throws IOException;

    /**
     * Re-wraps the object's data key under the current master key, if another key wraps it; the
     * encrypted content stays as it is. True if the object was re-wrapped.
     */
    boolean rewrap(String objectKey) throws IOException;

    /** Every stored object's key, for rotation and retention sweeps. */
    void forEachObjectKey(Consumer<String> action) throws IOException;
}
