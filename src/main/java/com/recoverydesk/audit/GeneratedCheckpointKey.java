package com.recoverydesk.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;

/**
 * The embedded default's checkpoint key pair: generated into one PEM file (private and public
 * block) on first start and read from it afterwards, like the demo's token and evidence keys.
 * Losing the file only means older checkpoints can no longer be verified by this service;
 * production configures its key from the environment instead.
 */
final class GeneratedCheckpointKey {

    private GeneratedCheckpointKey() {
    }

    static synchronized KeyPair loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            String pem = Files.readString(file);
            return new KeyPair(CheckpointKeys.publicKey(pem), CheckpointKeys.privateKey(pem));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the audit checkpoint key file " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(CheckpointKeys.ALGORITHM).generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime has Ed25519", e);
        }
        Path tmp = Files.createTempFile(dir, "audit-key", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file inherits the directory's ACL
            }
            Files.writeString(tmp, CheckpointKeys.pem("PRIVATE KEY", pair.getPrivate().getEncoded())
                    + CheckpointKeys.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException someoneElseWasFirst) {
            // another process created the key meanwhile: theirs stands, and is read next
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
