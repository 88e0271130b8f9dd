package com.recoverydesk.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.recoverydesk.keys.MasterKeyring;
import com.recoverydesk.support.EvidenceSamples;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 10 MB upload is stored and read back in a JVM whose whole heap is {@value #HEAP}: smaller than
 * the file, so the test fails if any step buffers it (a version that reads the upload into one
 * array dies even with 16 MB; the streaming pipeline runs in 4 MB). It measures no time.
 */
class BoundedMemoryUploadTest {

    static final String HEAP = "-Xmx8m";
    static final long TEN_MB = 10 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void shouldStoreAndReadTenMegabytesInAHeapSmallerThanTheFile() throws Exception {
        Process child = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP, "-XX:+UseSerialGC",
                "-cp", minimalClassPath(), SmallHeapUpload.class.getName(), dir.toString()))
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        child.waitFor(2, TimeUnit.MINUTES);

        assertEquals(0, child.exitValue(), output);
        String expected = sha256Hex(upload());
        assertEquals("stored " + expected + "\nread " + expected, output);
    }

    /**
     * The application's classes, the test classes and JBoss Logging, nothing else: the test
     * class path holds all of Quarkus, whose jar indexes alone would crowd an 8 MB heap.
     */
    private static String minimalClassPath() throws Exception {
        return String.join(File.pathSeparator, codeSource(EvidenceFileService.class), codeSource(SmallHeapUpload.class),
                codeSource(org.jboss.logging.Logger.class), codeSource(com.drew.imaging.ImageMetadataReader.class),
                codeSource(org.apache.pdfbox.Loader.class));
    }

    private static String codeSource(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** The upload: a genuine MP4 header (ftyp, moov, an mdat header) and then generated media bytes, 10 MB in all, never held in memory. */
    static InputStream upload() {
        byte[] header = EvidenceSamples.mp4Header(TEN_MB - EvidenceSamples.mp4Header(0).length);
        return new SequenceInputStream(new ByteArrayInputStream(header), EvidenceSamples.generatedStream(TEN_MB - header.length));
    }

    static String sha256Hex(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream digesting = new DigestInputStream(in, digest)) {
            digesting.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Runs in the small-heap JVM: stores the upload, reads it back, prints both hashes. */
    public static final class SmallHeapUpload {

        public static void main(String[] args) throws Exception {
            byte[] key = new byte[32];
            Arrays.fill(key, (byte) 7);
            EvidenceStorage storage = new FileSystemEvidenceStorage(Path.of(args[0]),
                    new EvidenceEncryption(new MasterKeyring(Map.of("k1", key), "k1")));
            EvidenceFileService service = new EvidenceFileService(storage, new ContentInspector(10_000, 40_000_000L), TEN_MB);

            StoredEvidence stored = service.storeUpload(EvidenceKind.VIDEO, upload());
            if (stored.size() != TEN_MB) {
                throw new IOException("stored " + stored.size() + " bytes");
            }
            System.out.println("stored " + stored.sha256());
            System.out.println("read " + sha256Hex(service.openContent(stored.objectKey())));
        }
    }
}
