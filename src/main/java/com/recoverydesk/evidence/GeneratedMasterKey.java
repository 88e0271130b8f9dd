package com.recoverydesk.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The embedded default's evidence master key: 32 random bytes in base64, generated into a file on
 * first start and read from it afterwards, like the demo's token keys (ADR 0002). Losing the file
 * makes the stored evidence unreadable, which for demo data is acceptable; production configures
 * its keys from the environment instead.
 */
final class GeneratedMasterKey {

    private GeneratedMasterKey() {
    }

    static synchronized byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return Base64.getDecoder().decode(Files.readString(file).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the evidence master key file " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path tmp = Files.createTempFile(dir, "evidence-key", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file inherits the directory's ACL
            }
            Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n");
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException someoneElseWasFirst) {
            // another process created the key meanwhile: theirs stands, and is read next
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
