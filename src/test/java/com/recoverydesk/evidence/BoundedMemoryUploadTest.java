package com.recoverydesk.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.recoverydesk.keys.MasterKeyring;
import com.recoverydesk.support.EvidenceSamples;
import com.recoverydesk.support.S3TestServer;
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
 * A 10 MB upload is stored and read back, on the filesystem and in S3, in a JVM whose whole heap is {@value #HEAP}: smaller than
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
        assertStoredAndReadInSmallHeap(List.of(HEAP, "-XX:+UseSerialGC", "-cp", minimalClassPath(), SmallHeapUpload.class.getName(), dir.toString()));
    }

    /** The same through the S3 storage into s3proxy (a process of its own, so its memory is not counted): multipart, parts spooled. */
    @Test
    void shouldStoreInS3AndReadTenMegabytesInAHeapSmallerThanTheFile() throws Exception {
        String bucket = S3TestServer.bucket("evidence-bounded-memory");
        String classPath = String.join(File.pathSeparator, minimalClassPath(),
                jarsOnClassPath(jar -> jar.contains("/software/amazon/awssdk/") || jar.contains("/org/reactivestreams/") || jar.contains("/org/slf4j/slf4j-api/")));
        assertStoredAndReadInSmallHeap(List.of(HEAP, "-XX:+UseSerialGC", "-D" + S3TestServer.ENDPOINT_PROPERTY + "=" + S3TestServer.endpoint(),
                "-cp", classPath, SmallHeapUpload.class.getName(), dir.toString(), bucket));
    }

    private void assertStoredAndReadInSmallHeap(List<String> javaArguments) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaArguments);
        Path errors = dir.resolve("stderr.txt");
        // stderr apart: SLF4J without a provider says so there, and the assertion is on stdout
        Process child = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        child.waitFor(2, TimeUnit.MINUTES);

        assertEquals(0, child.exitValue(), output + "\n" + java.nio.file.Files.readString(errors));
        String expected = sha256Hex(upload());
        assertEquals("stored " + expected + "\nread " + expected, output);
    }

    /** The jars of the test class path whose path matches, found through their manifests (Surefire's own class path is one jar). */
    static String jarsOnClassPath(java.util.function.Predicate<String> matches) throws Exception {
        java.util.Set<String> jars = new java.util.TreeSet<>();
        java.util.Enumeration<java.net.URL> manifests = BoundedMemoryUploadTest.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
        while (manifests.hasMoreElements()) {
            String url = manifests.nextElement().toString();
            if (url.startsWith("jar:file:")) {
                String jar = Path.of(new java.net.URI(url.substring(4, url.indexOf("!/")))).toString();
                if (matches.test(jar)) {
                    jars.add(jar);
                }
            }
        }
        return String.join(File.pathSeparator, jars);
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
            EvidenceEncryption encryption = new EvidenceEncryption(new MasterKeyring(Map.of("k1", key), "k1"));
            EvidenceStorage storage = args.length > 1
                    ? new S3EvidenceStorage(S3TestServer.client(), args[1], "bounded/", encryption, 8 * 1024 * 1024, Path.of(args[0]))
                    : new FileSystemEvidenceStorage(Path.of(args[0]), encryption);
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
