package com.recoverydesk.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.keys.MasterKeyring;
import com.recoverydesk.support.EvidenceSamples;
import com.recoverydesk.support.S3TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 storage against a real S3-compatible server (s3proxy, started beside the JVM): what lands in
 * the bucket is the encrypted format, never the file; it reads back; multipart uploads complete or
 * leave nothing; the same tamper and rotation rules as on the filesystem.
 */
class S3EvidenceStorageTest {

    private static final int PART = S3EvidenceStorage.MIN_PART_SIZE;
    private static final byte[] KEY_1 = filled(1);
    private static final byte[] KEY_2 = filled(2);
    private static final String BUCKET = S3TestServer.bucket("evidence-storage-test");

    private static S3Client s3;

    @TempDir
    Path spool;

    /** Each test its own prefix, so listings see only its objects. */
    private final String prefix = "t" + System.nanoTime() + "/";

    @BeforeAll
    static void client() {
        s3 = S3TestServer.client();
    }

    @AfterAll
    static void closeClient() {
        s3.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, EvidenceEncryption.SEGMENT_SIZE + 1, PART - 100, PART + 1, 2 * PART + 12345})
    void shouldGiveBackExactlyWhatWasStoredInOnePutOrInParts(int length) throws IOException {
        S3EvidenceStorage storage = storage(Map.of("k1", KEY_1), "k1");
        byte[] content = EvidenceSamples.generatedStream(length).readAllBytes();

        StoredObject stored = storage.store(new ByteArrayInputStream(content));

        assertEquals(length, stored.size());
        assertEquals(FileSystemEvidenceStorageTest.sha256Hex(content), stored.sha256());
        try (InputStream opened = storage.open(stored.objectKey())) {
            assertArrayEquals(content, opened.readAllBytes());
        }
        assertTrue(s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix(prefix)).uploads().isEmpty(), "no upload left open");
        assertEmpty(spool);
    }

    @Test
    void shouldPutOnlyCiphertextInTheBucket() throws IOException {
        S3EvidenceStorage storage = storage(Map.of("k1", KEY_1), "k1");
        byte[] content = "Passport number X1234567, Jane Example, born 1990-01-01. ".repeat(200_000).getBytes(StandardCharsets.UTF_8);

        StoredObject stored = storage.store(new ByteArrayInputStream(content));

        byte[] raw = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(storage.s3Key(stored.objectKey()))).asByteArray();
        assertTrue(content.length > PART, "large enough for a multipart upload");
        assertEquals("RDEV", new String(raw, 0, 4, StandardCharsets.US_ASCII));
        assertNotEquals(content.length, raw.length);
        assertFalse(new String(raw, StandardCharsets.ISO_8859_1).contains("Passport number"), "no plaintext in the object");
        // the object is the filesystem's format, readable by the same decryption with the same key
        try (InputStream decrypted = new EvidenceEncryption(new MasterKeyring(Map.of("k1", KEY_1), "k1")).decrypt(new ByteArrayInputStream(raw))) {
            assertArrayEquals(content, decrypted.readAllBytes());
        }
        assertTrue(storage.s3Key(stored.objectKey()).startsWith(prefix + stored.objectKey().substring(0, 2) + "/"));
    }

    @Test
    void shouldLeaveNoObjectNoUploadAndNoSpoolWhenTheStreamFailsAfterAPartWasSent() {
        S3EvidenceStorage storage = storage(Map.of("k1", KEY_1), "k1");
        InputStream failing = new InputStream() {
            private final InputStream content = EvidenceSamples.generatedStream(3L * PART);
            private long read;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (read > PART + PART / 2) {
                    throw new IOException("connection reset by the uploader");
                }
                int n = content.read(buffer, offset, length);
                read += Math.max(n, 0);
                return n;
            }
        };

        IOException failure = assertThrows(IOException.class, () -> storage.store(failing));

        assertEquals("connection reset by the uploader", failure.getMessage());
        assertTrue(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix)).contents().isEmpty(), "no object");
        assertTrue(s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix(prefix)).uploads().isEmpty(), "the upload was aborted");
        assertEmpty(spool);
    }

    @Test
    void shouldStoreNothingWhenTheServiceRefusesAnOversizedUpload() {
        S3EvidenceStorage storage = storage(Map.of("k1", KEY_1), "k1");
        EvidenceFileService service = new EvidenceFileService(storage, new ContentInspector(10_000, 40_000_000L), PART + 10);
        byte[] header = EvidenceSamples.mp4Header(2L * PART);

        EvidenceRefusedException refused = assertThrows(EvidenceRefusedException.class, () -> service.storeUpload(EvidenceKind.VIDEO,
                new java.io.SequenceInputStream(new ByteArrayInputStream(header), EvidenceSamples.generatedStream(2L * PART))));

        assertEquals(413, refused.status());
        assertTrue(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix)).contents().isEmpty());
        assertTrue(s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix(prefix)).uploads().isEmpty());
    }

    @Test
    void shouldRefuseAnObjectAlteredInTheBucket() throws IOException {
        S3EvidenceStorage storage = storage(Map.of("k1", KEY_1), "k1");
        StoredObject stored = storage.store(EvidenceSamples.generatedStream(200_000));
        String key = storage.s3Key(stored.objectKey());
        byte[] raw = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
        raw[raw.length / 2] ^= 1;
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(raw));

        assertThrows(EvidenceUnreadableException.class, () -> {
            try (InputStream opened = storage.open(stored.objectKey())) {
                opened.readAllBytes();
            }
        });
    }

    @Test
    void shouldDeleteListAndAnswerNoSuchFileForAGoneObject() throws IOException {
        S3EvidenceStorage storage = storage(Map.of("k1", KEY_1), "k1");
        StoredObject first = storage.store(EvidenceSamples.generatedStream(10));
        StoredObject second = storage.store(EvidenceSamples.generatedStream(20));

        List<String> listed = new ArrayList<>();
        storage.forEachObjectKey(listed::add);
        assertEquals(Stream.of(first.objectKey(), second.objectKey()).sorted().toList(), listed.stream().sorted().toList());

        assertTrue(storage.delete(first.objectKey()));
        assertFalse(storage.delete(first.objectKey()));
        assertThrows(NoSuchFileException.class, () -> storage.open(first.objectKey()));
        assertThrows(IllegalArgumentException.class, () -> storage.open("../" + second.objectKey()));
    }

    @Test
    void shouldRewrapUnderTheCurrentKeyKeepingTheSegments() throws IOException {
        StoredObject stored = storage(Map.of("k1", KEY_1), "k1").store(EvidenceSamples.generatedStream(PART + 70_000));
        S3EvidenceStorage rotating = storage(Map.of("k1", KEY_1, "k2", KEY_2), "k2");
        String key = rotating.s3Key(stored.objectKey());
        byte[] before = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();

        assertTrue(rotating.rewrap(stored.objectKey()));
        assertFalse(rotating.rewrap(stored.objectKey()), "already under k2");

        byte[] after = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
        int headerK1 = 73 + 2;
        assertArrayEquals(Arrays.copyOfRange(before, headerK1, before.length), Arrays.copyOfRange(after, headerK1, after.length),
                "the encrypted segments are untouched");
        try (InputStream opened = storage(Map.of("k2", KEY_2), "k2").open(stored.objectKey())) {
            assertEquals(stored.sha256(), FileSystemEvidenceStorageTest.sha256Hex(opened.readAllBytes()));
        }
    }

    private S3EvidenceStorage storage(Map<String, byte[]> keys, String current) {
        return new S3EvidenceStorage(S3TestServer.client(), BUCKET, prefix, new EvidenceEncryption(new MasterKeyring(keys, current)), PART, spool);
    }

    private static void assertEmpty(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "spool files left behind");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }
}
