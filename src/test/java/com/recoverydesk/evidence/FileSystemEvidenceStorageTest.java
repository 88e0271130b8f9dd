package com.recoverydesk.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.keys.MasterKeyring;
import com.recoverydesk.support.EvidenceSamples;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSystemEvidenceStorageTest {

    private static final int SEGMENT = EvidenceEncryption.SEGMENT_SIZE;
    private static final byte[] KEY_1 = filled(1);
    private static final byte[] KEY_2 = filled(2);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1000, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT, 3 * SEGMENT + 17})
    void shouldGiveBackExactlyWhatWasStoredWhateverItsLength(int length) throws IOException {
        EvidenceStorage storage = storage(Map.of("k1", KEY_1), "k1");
        byte[] content = EvidenceSamples.generatedStream(length).readAllBytes();

        StoredObject stored = storage.store(new ByteArrayInputStream(content));

        assertEquals(length, stored.size());
        assertEquals(sha256Hex(content), stored.sha256());
        assertEquals("k1", stored.keyId());
        try (InputStream opened = storage.open(stored.objectKey())) {
            assertArrayEquals(content, opened.readAllBytes());
        }
    }

    @Test
    void shouldKeepNoPlaintextOnDisk() throws IOException {
        FileSystemEvidenceStorage storage = storage(Map.of("k1", KEY_1), "k1");
        byte[] content = "Passport number X1234567, Jane Example, born 1990-01-01. ".repeat(2000).getBytes(StandardCharsets.UTF_8);

        StoredObject stored = storage.store(new ByteArrayInputStream(content));

        byte[] onDisk = Files.readAllBytes(storage.pathOf(stored.objectKey()));
        assertFalse(contains(onDisk, "X1234567".getBytes(StandardCharsets.UTF_8)));
        assertFalse(contains(onDisk, Arrays.copyOf(content, 16)));
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(1, files.filter(Files::isRegularFile).count(), "one object file, no plaintext copy beside it");
        }
    }

    @Test
    void shouldNotDecryptUnderAWrongMasterKey() throws IOException {
        StoredObject stored = storage(Map.of("k1", KEY_1), "k1").store(new ByteArrayInputStream(EvidenceSamples.pdf()));

        EvidenceStorage sameIdOtherKey = storage(Map.of("k1", KEY_2), "k1");
        assertThrows(EvidenceUnreadableException.class, () -> sameIdOtherKey.open(stored.objectKey()));

        EvidenceStorage keyMissing = storage(Map.of("k2", KEY_2), "k2");
        EvidenceUnreadableException missing = assertThrows(EvidenceUnreadableException.class, () -> keyMissing.open(stored.objectKey()));
        assertTrue(missing.getMessage().contains("'k1' is not configured"), missing.getMessage());
    }

    @Test
    void shouldRefuseAnObjectWithAnyByteChanged() throws IOException {
        FileSystemEvidenceStorage storage = storage(Map.of("k1", KEY_1), "k1");
        StoredObject stored = storage.store(EvidenceSamples.generatedStream(2 * SEGMENT + 100));
        Path file = storage.pathOf(stored.objectKey());
        byte[] original = Files.readAllBytes(file);

        // in the key id, the wrapped data key, the nonce prefix, the first and last segments, the last tag byte
        for (int position : new int[] {6, 30, 70, 100, SEGMENT + 90, original.length - 50, original.length - 1}) {
            byte[] altered = original.clone();
            altered[position] ^= 0x01;
            Files.write(file, altered);
            assertThrows(EvidenceUnreadableException.class, () -> readAll(storage, stored.objectKey()), "byte " + position + " changed");
        }
    }

    @Test
    void shouldRefuseATruncatedExtendedOrReorderedObject() throws IOException {
        FileSystemEvidenceStorage storage = storage(Map.of("k1", KEY_1), "k1");
        StoredObject stored = storage.store(EvidenceSamples.generatedStream(3 * SEGMENT));
        Path file = storage.pathOf(stored.objectKey());
        byte[] original = Files.readAllBytes(file);
        int sealedSegment = SEGMENT + 16;
        int header = original.length - 3 * sealedSegment;

        List<byte[]> variants = new ArrayList<>();
        variants.add(Arrays.copyOf(original, original.length - sealedSegment)); // last segment dropped, at a boundary
        variants.add(Arrays.copyOf(original, original.length - 10));
        variants.add(Arrays.copyOf(original, header)); // header only
        byte[] extended = Arrays.copyOf(original, original.length + 1);
        variants.add(extended);
        byte[] swapped = original.clone();
        System.arraycopy(original, header, swapped, header + sealedSegment, sealedSegment);
        System.arraycopy(original, header + sealedSegment, swapped, header, sealedSegment);
        variants.add(swapped);

        for (byte[] variant : variants) {
            Files.write(file, variant);
            assertThrows(EvidenceUnreadableException.class, () -> readAll(storage, stored.objectKey()));
        }
    }

    @Test
    void shouldRewrapUnderTheNewMasterKeyAndKeepTheContentAsItWas() throws IOException {
        FileSystemEvidenceStorage before = storage(Map.of("k1", KEY_1), "k1");
        byte[] content = EvidenceSamples.generatedStream(SEGMENT + 5).readAllBytes();
        StoredObject stored = before.store(new ByteArrayInputStream(content));
        byte[] oldFile = Files.readAllBytes(before.pathOf(stored.objectKey()));

        FileSystemEvidenceStorage rotating = storage(Map.of("k1", KEY_1, "k2", KEY_2), "k2");
        assertTrue(rotating.rewrap(stored.objectKey()));
        assertFalse(rotating.rewrap(stored.objectKey()), "already under the current key");

        byte[] newFile = Files.readAllBytes(rotating.pathOf(stored.objectKey()));
        assertEquals(oldFile.length, newFile.length, "same key id length, so the same size");
        int segmentsStart = oldFile.length - (SEGMENT + 16) - (5 + 16);
        assertFalse(Arrays.equals(Arrays.copyOf(oldFile, segmentsStart), Arrays.copyOf(newFile, segmentsStart)), "a new header");
        assertArrayEquals(Arrays.copyOfRange(oldFile, segmentsStart, oldFile.length), Arrays.copyOfRange(newFile, segmentsStart, newFile.length),
                "the encrypted segments are copied, not re-encrypted");

        FileSystemEvidenceStorage afterRetirement = storage(Map.of("k2", KEY_2), "k2");
        assertArrayEquals(content, readAll(afterRetirement, stored.objectKey()));
        FileSystemEvidenceStorage oldKeyOnly = storage(Map.of("k1", KEY_1), "k1");
        assertThrows(EvidenceUnreadableException.class, () -> readAll(oldKeyOnly, stored.objectKey()));
    }

    @Test
    void shouldLeaveNothingBehindWhenTheUploadFails() throws IOException {
        FileSystemEvidenceStorage storage = storage(Map.of("k1", KEY_1), "k1");
        InputStream failing = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served++ > 3 * SEGMENT) {
                    throw new IOException("connection reset");
                }
                return 'x';
            }
        };

        assertThrows(IOException.class, () -> storage.store(failing));

        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of(), files.filter(Files::isRegularFile).toList());
        }
    }

    @Test
    void shouldDeleteAnObjectForGood() throws IOException {
        EvidenceStorage storage = storage(Map.of("k1", KEY_1), "k1");
        StoredObject stored = storage.store(new ByteArrayInputStream(EvidenceSamples.png(5, 5)));

        assertTrue(storage.delete(stored.objectKey()));
        assertFalse(storage.delete(stored.objectKey()));
        assertThrows(NoSuchFileException.class, () -> storage.open(stored.objectKey()));
    }

    @Test
    void shouldListEveryStoredObject() throws IOException {
        EvidenceStorage storage = storage(Map.of("k1", KEY_1), "k1");
        List<String> stored = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            stored.add(storage.store(new ByteArrayInputStream(new byte[] {(byte) i})).objectKey());
        }

        List<String> listed = new ArrayList<>();
        storage.forEachObjectKey(listed::add);

        assertEquals(stored.stream().sorted().toList(), listed.stream().sorted().toList());
    }

    @Test
    void shouldRefuseAnythingButAnObjectKeyAsAName() {
        EvidenceStorage storage = storage(Map.of("k1", KEY_1), "k1");
        for (String key : new String[] {"../../etc/passwd", "", "ABCDEF0123456789abcdef0123456789", "0123456789abcdef0123456789abcde/"}) {
            assertThrows(IllegalArgumentException.class, () -> storage.open(key), key);
        }
    }

    @Test
    void shouldRemoveOnlyOldTemporaryFiles() throws IOException {
        FileSystemEvidenceStorage storage = storage(Map.of("k1", KEY_1), "k1");
        Path old = Files.writeString(dir.resolve("tmp/0123.part"), "half an upload");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(7200)));
        Path recent = Files.writeString(dir.resolve("tmp/4567.part"), "an upload in progress");

        assertEquals(1, storage.deleteAbandonedTemporaryFiles(Instant.now()));
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(recent));
    }

    private FileSystemEvidenceStorage storage(Map<String, byte[]> keys, String current) {
        return new FileSystemEvidenceStorage(dir, new EvidenceEncryption(new MasterKeyring(keys, current)));
    }

    private static byte[] readAll(EvidenceStorage storage, String objectKey) throws IOException {
        try (InputStream in = storage.open(objectKey)) {
            return in.readAllBytes();
        }
    }

    static String sha256Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }
}
