package com.recoverydesk.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The purge deletes content through the storage port alone, so any storage that implements it
 * (the filesystem one, an S3-compatible one) is purged alike: here a storage that is neither.
 */
class EvidenceRetentionPortTest {

    /** An object store in memory that can be told to be unreachable; it records every call. */
    static final class MapStorage implements EvidenceStorage {
        final Map<String, byte[]> objects = new HashMap<>();
        final List<String> calls = new ArrayList<>();
        boolean unreachable;

        @Override
        public StoredObject store(InputStream plaintext) {
            throw new UnsupportedOperationException("the purge never stores");
        }

        @Override
        public InputStream open(String objectKey) throws IOException {
            calls.add("open " + objectKey);
            byte[] bytes = objects.get(objectKey);
            if (bytes == null) {
                throw new NoSuchFileException(objectKey);
            }
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public boolean delete(String objectKey) throws IOException {
            calls.add("delete " + objectKey);
            if (unreachable) {
                throw new IOException("connection refused");
            }
            return objects.remove(objectKey) != null;
        }

        @Override
        public boolean rewrap(String objectKey) {
            throw new UnsupportedOperationException("the purge never rewraps");
        }

        @Override
        public void forEachObjectKey(Consumer<String> action) {
            calls.add("list");
            objects.keySet().forEach(action);
        }
    }

    private static EvidenceFileService serviceOver(EvidenceStorage storage) {
        return new EvidenceFileService(storage, new ContentInspector(10000, 40_000_000), 10_485_760);
    }

    @Test
    void shouldDeleteThroughThePortOnlyAndCountWhatWasAlreadyGone() {
        MapStorage storage = new MapStorage();
        storage.objects.put("k1", new byte[] {1});
        storage.objects.put("k2", new byte[] {2});
        List<EvidenceRetention.PendingContent> pending = List.of(new EvidenceRetention.PendingContent("e1", "k1"),
                new EvidenceRetention.PendingContent("e2", "k2"), new EvidenceRetention.PendingContent("e3", "gone-before"));

        EvidenceRetention.Deletions done = EvidenceRetention.deleteThroughPort(pending, serviceOver(storage));

        assertEquals(List.of("e1", "e2", "e3"), done.goneIds());
        assertEquals(2, done.deleted());
        assertEquals(1, done.alreadyGone());
        assertEquals(0, done.failed());
        assertTrue(storage.objects.isEmpty());
        assertEquals(List.of("delete k1", "delete k2", "delete gone-before"), storage.calls, "delete is the only call");
    }

    @Test
    void shouldLeaveAFileWhoseDeletionFailedForTheNextRun() {
        MapStorage storage = new MapStorage();
        storage.objects.put("k1", new byte[] {1});
        storage.unreachable = true;

        EvidenceRetention.Deletions done = EvidenceRetention.deleteThroughPort(List.of(new EvidenceRetention.PendingContent("e1", "k1")),
                serviceOver(storage));

        assertEquals(List.of(), done.goneIds(), "not marked as deleted, so the next run tries again");
        assertEquals(1, done.failed());
        assertTrue(storage.objects.containsKey("k1"));
    }

    @Test
    void shouldDeleteFromTheFilesystemStorage(@TempDir Path dir) throws IOException {
        EvidenceEncryption encryption = new EvidenceEncryption(new com.recoverydesk.keys.MasterKeyring(Map.of("k", new byte[32]), "k"));
        FileSystemEvidenceStorage storage = new FileSystemEvidenceStorage(dir, encryption);
        StoredObject stored = storage.store(new ByteArrayInputStream("evidence".getBytes()));

        EvidenceRetention.Deletions done = EvidenceRetention.deleteThroughPort(
                List.of(new EvidenceRetention.PendingContent("e1", stored.objectKey())), serviceOver(storage));

        assertEquals(1, done.deleted());
        List<String> left = new ArrayList<>();
        storage.forEachObjectKey(left::add);
        assertFalse(left.contains(stored.objectKey()));
    }
}
