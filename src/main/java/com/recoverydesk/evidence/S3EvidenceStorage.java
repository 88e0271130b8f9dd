package com.recoverydesk.evidence;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Evidence as encrypted objects in an S3-compatible bucket, {@code {prefix}ab/ab12…ef}, in the same
 * format as {@link FileSystemEvidenceStorage}'s files: the content is encrypted by
 * {@link EvidenceEncryption} before it leaves the JVM, so the bucket's operators see ciphertext only.
 *
 * <p>Memory stays bounded whatever the file's size: the encrypted stream is cut into parts of
 * {@code partSize} bytes, each spooled to a local temporary file (ciphertext) and sent as one part of a
 * multipart upload; an object smaller than one part is sent with a single PutObject. An object appears
 * only when the upload completes, and a failed upload is aborted, so a reader sees a whole object or none.
 */
public final class S3EvidenceStorage implements EvidenceStorage, Closeable {

    /** S3's smallest part but the last. */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(S3EvidenceStorage.class);
    /** The longest header (docs/evidence-storage.md, "Format on disk"): 73 bytes and a key id of at most 32. */
    private static final int MAX_HEADER_BYTES = 73 + 32;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final EvidenceEncryption encryption;
    private final int partSize;
    private final Path spoolDir;
    private final Pattern storedKey;

    /**
     * @param s3       the client, owned by this storage from now on ({@link #close} closes it)
     * @param prefix   key prefix inside the bucket, e.g. {@code evidence/}; may be empty
     * @param spoolDir where parts wait, encrypted, before they are sent
     */
    public S3EvidenceStorage(S3Client s3, String bucket, String prefix, EvidenceEncryption encryption, int partSize, Path spoolDir) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("recovery.evidence.s3.part-size must be at least " + MIN_PART_SIZE + " bytes (S3's smallest part)");
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.encryption = encryption;
        this.partSize = partSize;
        this.spoolDir = spoolDir;
        this.storedKey = Pattern.compile(Pattern.quote(prefix) + "[0-9a-f]{2}/([0-9a-f]{32})");
        try {
            Files.createDirectories(spoolDir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot create the evidence spool directory " + spoolDir, e);
        }
    }

    @Override
    public StoredObject store(InputStream plaintext) throws IOException {
        String objectKey = EvidenceObjectKeys.newKey();
        MessageDigest sha256 = EvidenceObjectKeys.sha256();
        try (ObjectUpload upload = new ObjectUpload(s3Key(objectKey))) {
            EvidenceEncryption.Encrypted encrypted = encryption.encrypt(new DigestInputStream(plaintext, sha256), upload);
            upload.complete();
            return new StoredObject(objectKey, encrypted.plaintextBytes(), HexFormat.of().formatHex(sha256.digest()), encrypted.keyId());
        } catch (SdkException e) {
            throw storageFailure("Storing", e);
        }
    }

    @Override
    public InputStream open(String objectKey) throws IOException {
        ResponseInputStream<GetObjectResponse> object = get(objectKey, null);
        try {
            return encryption.decrypt(new BufferedInputStream(object, EvidenceEncryption.SEGMENT_SIZE));
        } catch (IOException | RuntimeException e) {
            object.abort();
            object.close();
            throw e;
        }
    }

    @Override
    public boolean delete(String objectKey) throws IOException {
        String key = s3Key(objectKey);
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException gone) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw storageFailure("Deleting", e);
        } catch (SdkException e) {
            throw storageFailure("Deleting", e);
        }
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (SdkException e) {
            throw storageFailure("Deleting", e);
        }
    }

    @Override
    public boolean rewrap(String objectKey) throws IOException {
        String keyId;
        // the key id sits in the header: a ranged GET spares reading the whole object
        try (ResponseInputStream<GetObjectResponse> head = get(objectKey, "bytes=0-" + (MAX_HEADER_BYTES - 1))) {
            keyId = encryption.keyIdOf(head);
        }
        if (keyId.equals(encryption.currentKeyId())) {
            return false;
        }
        // S3 cannot change part of an object: the same key is written again, replaced when the upload completes
        try (ResponseInputStream<GetObjectResponse> in = get(objectKey, null);
             ObjectUpload upload = new ObjectUpload(s3Key(objectKey))) {
            encryption.rewrap(new BufferedInputStream(in, EvidenceEncryption.SEGMENT_SIZE), upload);
            upload.complete();
            return true;
        } catch (SdkException e) {
            throw storageFailure("Re-wrapping", e);
        }
    }

    @Override
    public void forEachObjectKey(Consumer<String> action) throws IOException {
        try {
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))) {
                // a page's keys are taken before acting on them, as the filesystem storage does per shard
                List<String> keys = new ArrayList<>();
                for (S3Object object : page.contents()) {
                    Matcher matcher = storedKey.matcher(object.key());
                    if (matcher.matches()) {
                        keys.add(matcher.group(1));
                    }
                }
                keys.forEach(action);
            }
        } catch (SdkException e) {
            throw storageFailure("Listing", e);
        }
    }

    /** Fails with a readable message when the bucket is missing or the credentials do not reach it. */
    public void checkBucket() throws IOException {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (SdkException e) {
            throw new IOException("The evidence bucket '" + bucket + "' cannot be reached: " + e.getMessage(), e);
        }
    }

    public String bucket() {
        return bucket;
    }

    /** The key of an evidence object inside the bucket. */
    public String s3Key(String objectKey) {
        if (!EvidenceObjectKeys.isKey(objectKey)) {
            throw new IllegalArgumentException("Not an evidence object key");
        }
        return prefix + objectKey.substring(0, 2) + "/" + objectKey;
    }

    @Override
    public void close() {
        s3.close();
    }

    private ResponseInputStream<GetObjectResponse> get(String objectKey, String range) throws IOException {
        String key = s3Key(objectKey);
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key).range(range));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(objectKey);
        } catch (SdkException e) {
            throw storageFailure("Reading", e);
        }
    }

    /** SDK failures are unchecked; the port speaks IOException, which the service turns into its own errors. */
    private IOException storageFailure(String what, SdkException e) {
        return new IOException(what + " an evidence object in bucket '" + bucket + "' failed: " + e.getMessage(), e);
    }

    /**
     * The encrypted stream of one object on its way into the bucket: bytes collect in a spool file of
     * at most one part; when more bytes come after a full part, that part is sent. {@link #complete}
     * sends what is left, as the only PutObject or as the last part; {@link #close} without it aborts
     * the multipart upload. The spool file goes in either case.
     */
    private final class ObjectUpload extends OutputStream {

        private final String key;
        private final Path spool;
        private OutputStream spoolOut;
        private long spooled;
        private String uploadId;
        private final List<CompletedPart> parts = new ArrayList<>();
        private boolean completed;

        ObjectUpload(String key) throws IOException {
            this.key = key;
            this.spool = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempFile(spoolDir, "evidence-", ".part", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(spoolDir, "evidence-", ".part");
            this.spoolOut = newSpoolOut();
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                if (spooled == partSize) {
                    sendPart();
                }
                int n = (int) Math.min(length, partSize - spooled);
                spoolOut.write(bytes, offset, n);
                spooled += n;
                offset += n;
                length -= n;
            }
        }

        void complete() throws IOException {
            if (uploadId == null) {
                spoolOut.close();
                long length = spooled;
                s3.putObject(b -> b.bucket(bucket).key(key).contentLength(length), RequestBody.fromFile(spool));
            } else {
                sendPart();
                String id = uploadId;
                s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id).multipartUpload(m -> m.parts(parts)));
            }
            completed = true;
        }

        private void sendPart() throws IOException {
            spoolOut.close();
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
            }
            int partNumber = parts.size() + 1;
            long length = spooled;
            String id = uploadId;
            String eTag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(id).partNumber(partNumber).contentLength(length),
                    RequestBody.fromFile(spool)).eTag();
            parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
            spoolOut = newSpoolOut();
            spooled = 0;
        }

        private OutputStream newSpoolOut() throws IOException {
            return new BufferedOutputStream(new FileOutputStream(spool.toFile()), EvidenceEncryption.SEGMENT_SIZE);
        }

        @Override
        public void close() throws IOException {
            try {
                if (!completed && uploadId != null) {
                    String id = uploadId;
                    try {
                        s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id));
                    } catch (SdkException e) {
                        // the bucket's lifecycle rule for incomplete uploads removes it later (docs/evidence-storage.md)
                        LOG.warnf("Could not abort the multipart upload of %s: %s", key, e.getMessage());
                    }
                }
            } finally {
                spoolOut.close();
                Files.deleteIfExists(spool);
            }
        }
    }
}
