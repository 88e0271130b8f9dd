package com.recoverydesk.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.keys.MasterKeyring;
import com.recoverydesk.support.EvidenceSamples;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The evidence beans as the application builds them from the %test configuration. */
@QuarkusTest
class EvidenceWiringTest {

    @Inject
    EvidenceFileService evidenceFiles;

    @Inject
    MasterKeyring keyring;

    @Test
    void shouldStoreUnderTheConfiguredDirectoryWithTheGeneratedKey() throws IOException {
        byte[] selfie = EvidenceSamples.jpeg(200, 300);

        StoredEvidence stored = evidenceFiles.storeUpload(EvidenceKind.SELFIE_WITH_NOTE, new ByteArrayInputStream(selfie));

        assertEquals(EvidenceWiring.GENERATED_KEY_ID, stored.keyId());
        Path object = Path.of("target/evidence/objects", stored.objectKey().substring(0, 2), stored.objectKey());
        assertTrue(Files.isRegularFile(object), "stored under recovery.evidence.dir");
        try (InputStream content = evidenceFiles.openContent(stored.objectKey())) {
            // re-encoded on upload: the same picture, and what was stored is what comes back
            byte[] served = content.readAllBytes();
            assertEquals(stored.sha256(), java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(served)));
            assertEquals(300, javax.imageio.ImageIO.read(new ByteArrayInputStream(served)).getHeight());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldGenerateTheTestMasterKeyReadableByItsOwnerOnly() throws IOException {
        Path keyFile = Path.of("target/test-keys/evidence-master.key");

        assertTrue(Files.isRegularFile(keyFile));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertEquals(EvidenceWiring.GENERATED_KEY_ID, keyring.currentKeyId());
    }

    @Test
    void shouldRefuseAnOversizedUploadWithTheConfiguredLimit() {
        InputStream elevenMegabytes = new java.io.SequenceInputStream(new ByteArrayInputStream(EvidenceSamples.pdf()),
                EvidenceSamples.generatedStream(11L * 1024 * 1024));

        EvidenceRefusedException refused = org.junit.jupiter.api.Assertions.assertThrows(EvidenceRefusedException.class,
                () -> evidenceFiles.storeUpload(EvidenceKind.ID_FRONT, elevenMegabytes));

        assertEquals(413, refused.status());
        assertTrue(refused.getMessage().contains("10 MB"), refused.getMessage());
    }
}
