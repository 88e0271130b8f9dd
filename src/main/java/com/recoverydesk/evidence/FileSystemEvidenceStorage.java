package com.recoverydesk.evidence;

import java.io.BufferedInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * Evidence as encrypted files under one directory:
 * <pre>
 *   {dir}/objects/ab/ab12…ef      one file per object, sharded by the key's first two hex digits
 *   {dir}/tmp/ab12…ef.part        while being written; moved into place atomically when complete
 * </pre>
 * A reader therefore sees a whole object or none. Object keys are random, so a file's path tells
 * nothing about its case or its content.
 */
public final class FileSystemEvidenceStorage implements EvidenceStorage {

    /** Older temporary files are left over from a crash and can go; no upload takes this long. */
    private static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    private final Path objects;
    private final Path tmp;
    private final EvidenceEncryption encryption;

    public FileSystemEvidenceStorage(Path dir, EvidenceEncryption encryption) {
        this.objects = dir.resolve("objects");
        this.tmp = dir.resolve("tmp");
        this.encryption = encryption;
        try {
            Files.createDirectories(objects);
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the evidence directory " + dir, e);
        }
    }

    @Override
    public StoredObject store(InputStream plaintext) throws IOException {
        String objectKey = EvidenceObjectKeys.newKey();
        Path part = tmp.resolve(objectKey + ".part");
        Path target = pathOf(objectKey);
        MessageDigest sha256 = EvidenceObjectKeys.sha256();
        try {
            EvidenceEncryption.Encrypted encrypted;
            try (FileOutputStream out = new FileOutputStream(part.toFile())) {
                encrypted = encryption.encrypt(new DigestInputStream(plaintext, sha256), out);
                // on disk before the object is announced, or a crash could lose an acknowledged upload
                out.getFD().sync();
            }
            Files.createDirectories(target.getParent());
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            return new StoredObject(objectKey, encrypted.plaintextBytes(), HexFormat.of().formatHex(sha256.digest()), encrypted.keyId());
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(part);
            throw e;
        }
    }

    @Override
    public InputStream open(String objectKey) throws IOException {
        InputStream file = new BufferedInputStream(Files.newInputStream(pathOf(objectKey)), EvidenceEncryption.SEGMENT_SIZE);
        try {
            return encryption.decrypt(file);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    @Override
    public boolean delete(String objectKey) throws IOException {
        return Files.deleteIfExists(pathOf(objectKey));
    }

    @Override
    public boolean rewrap(String objectKey) throws IOException {
        Path target = pathOf(objectKey);
        String keyId;
        try (InputStream in = Files.newInputStream(target)) {
            keyId = encryption.keyIdOf(in);
        }
        if (keyId.equals(encryption.currentKeyId())) {
            return false;
        }
        Path part = tmp.resolve(objectKey + ".rewrap.part");
        try {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(target), EvidenceEncryption.SEGMENT_SIZE);
                 FileOutputStream out = new FileOutputStream(part.toFile())) {
                encryption.rewrap(in, out);
                out.getFD().sync();
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(part);
            throw e;
        }
    }

    @Override
    public void forEachObjectKey(Consumer<String> action) throws IOException {
        List<Path> shards = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(objects, Files::isDirectory)) {
            dirs.forEach(shards::add);
        }
        for (Path shard : shards) {
            // list a shard before acting, so that a rewrap replacing files does not disturb the listing
            List<String> keys = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    if (EvidenceObjectKeys.isKey(name)) {
                        keys.add(name);
                    }
                }
            }
            keys.forEach(action);
        }
    }

    /** Removes temporary files a crash left behind; returns how many. */
    public int deleteAbandonedTemporaryFiles(Instant now) throws IOException {
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp, "*.part")) {
            for (Path file : files) {
                FileTime modified = Files.getLastModifiedTime(file);
                if (modified.toInstant().isBefore(now.minus(ABANDONED_AFTER)) && Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
        } catch (NoSuchFileException gone) {
            return deleted;
        }
        return deleted;
    }

    /** Where an object lives; refuses anything that is not an object key, so no path can be smuggled in. */
    Path pathOf(String objectKey) {
        if (!EvidenceObjectKeys.isKey(objectKey)) {
            throw new IllegalArgumentException("Not an evidence object key");
        }
        return objects.resolve(objectKey.substring(0, 2)).resolve(objectKey);
    }
}
