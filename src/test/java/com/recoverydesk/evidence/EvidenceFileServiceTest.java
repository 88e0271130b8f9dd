package com.recoverydesk.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.evidence.EvidenceRefusedException.Reason;
import com.recoverydesk.keys.MasterKeyring;
import com.recoverydesk.support.EvidenceSamples;
import com.recoverydesk.web.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceFileServiceTest {

    private static final long TEN_MB = 10 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void shouldStoreEachAcceptedFormatAndGiveItBack() throws IOException {
        EvidenceFileService service = service(Map.of("k1", key(1)), "k1");
        record Upload(EvidenceKind kind, byte[] content, EvidenceFormat format, int width, int height) {
        }
        List<Upload> uploads = List.of(
                new Upload(EvidenceKind.ID_FRONT, EvidenceSamples.jpeg(640, 400), EvidenceFormat.JPEG, 640, 400),
                new Upload(EvidenceKind.SELFIE_WITH_NOTE, EvidenceSamples.png(300, 400), EvidenceFormat.PNG, 300, 400),
                new Upload(EvidenceKind.SECOND_DOCUMENT, EvidenceSamples.pdf(), EvidenceFormat.PDF, 0, 0),
                new Upload(EvidenceKind.VIDEO, EvidenceSamples.mp4(), EvidenceFormat.MP4, 0, 0));

        for (Upload upload : uploads) {
            StoredEvidence stored = service.storeUpload(upload.kind(), new ByteArrayInputStream(upload.content()));

            assertEquals(upload.format(), stored.format());
            assertEquals(upload.format().mediaType(), stored.contentType());
            assertEquals(List.of(upload.width(), upload.height()), List.of(stored.width(), stored.height()));
            assertEquals(upload.content().length, stored.originalSize());
            assertEquals(FileSystemEvidenceStorageTest.sha256Hex(upload.content()), stored.originalSha256());
            assertEquals("k1", stored.keyId());
            try (InputStream content = service.openContent(stored.objectKey())) {
                byte[] served = content.readAllBytes();
                assertEquals(stored.sha256(), FileSystemEvidenceStorageTest.sha256Hex(served));
                assertEquals(stored.size(), served.length);
                if (upload.format().isImage()) {
                    // photos are re-encoded: the same picture, not the same bytes
                    java.awt.image.BufferedImage decoded = javax.imageio.ImageIO.read(new ByteArrayInputStream(served));
                    assertEquals(List.of(upload.width(), upload.height()), List.of(decoded.getWidth(), decoded.getHeight()));
                    assertTrue(stored.imageFacts().isPresent());
                } else {
                    assertArrayEquals(upload.content(), served);
                    assertEquals(stored.originalSha256(), stored.sha256());
                }
            }
        }
    }

    @Test
    void shouldRefuseHtmlWhateverItIsCalledBecauseNoNameIsAskedFor() {
        EvidenceFileService service = service(Map.of("k1", key(1)), "k1");

        EvidenceRefusedException refused = assertThrows(EvidenceRefusedException.class,
                () -> service.storeUpload(EvidenceKind.ID_FRONT, new ByteArrayInputStream(EvidenceSamples.html())));

        assertEquals(415, refused.status());
        assertNothingStored();
    }

    @Test
    void shouldRefuseAPngUploadedAsAKindThatTakesNoImages() {
        EvidenceFileService service = service(Map.of("k1", key(1)), "k1");

        EvidenceRefusedException refused = assertThrows(EvidenceRefusedException.class,
                () -> service.storeUpload(EvidenceKind.VIDEO, new ByteArrayInputStream(EvidenceSamples.png(20, 20))));

        assertEquals(Reason.FORMAT_NOT_ACCEPTED_FOR_KIND, refused.reason());
        assertNothingStored();
    }

    @Test
    void shouldRefuseAnImageBombWithoutStoringIt() {
        EvidenceFileService service = service(Map.of("k1", key(1)), "k1");

        EvidenceRefusedException refused = assertThrows(EvidenceRefusedException.class, () -> service.storeUpload(EvidenceKind.SELFIE_WITH_NOTE,
                new ByteArrayInputStream(EvidenceSamples.pngHeaderClaiming(100_000, 100_000))));

        assertEquals(413, refused.status());
        assertEquals(Reason.IMAGE_TOO_LARGE, refused.reason());
        assertNothingStored();
    }

    @Test
    void shouldRefuseEmptyAndTruncatedUploads() {
        EvidenceFileService service = service(Map.of("k1", key(1)), "k1");

        EvidenceRefusedException empty = assertThrows(EvidenceRefusedException.class,
                () -> service.storeUpload(EvidenceKind.ID_BACK, InputStream.nullInputStream()));
        assertEquals(Reason.EMPTY, empty.reason());
        EvidenceRefusedException truncated = assertThrows(EvidenceRefusedException.class,
                () -> service.storeUpload(EvidenceKind.ID_BACK, new ByteArrayInputStream(Arrays.copyOf(EvidenceSamples.png(50, 50), 16))));
        assertEquals(Reason.DAMAGED, truncated.reason());
        assertNothingStored();
    }

    @Test
    void shouldAbortAnOversizedUploadAndLeaveNoFile() {
        EvidenceFileService service = service(Map.of("k1", key(1)), "k1");
        // a genuine photo header followed by more bytes than the limit allows
        InputStream oversized = new SequenceInputStream(new ByteArrayInputStream(EvidenceSamples.jpeg(100, 100)),
                EvidenceSamples.generatedStream(TEN_MB));

        EvidenceRefusedException refused = assertThrows(EvidenceRefusedException.class,
                () -> service.storeUpload(EvidenceKind.ID_FRONT, oversized));

        assertEquals(413, refused.status());
        assertEquals("The file is larger than the limit of 10 MB. Please upload a smaller file.", refused.getMessage());
        assertNothingStored();
    }

    @Test
    void shouldAcceptAFileOfExactlyTheLimit() throws IOException {
        byte[] photo = EvidenceSamples.jpeg(100, 100);
        EvidenceFileService service = new EvidenceFileService(storage(Map.of("k1", key(1)), "k1"), inspector(), photo.length);

        assertEquals(photo.length, service.storeUpload(EvidenceKind.ID_FRONT, new ByteArrayInputStream(photo)).originalSize());
        byte[] oneMore = Arrays.copyOf(photo, photo.length + 1);
        assertThrows(EvidenceRefusedException.class, () -> service.storeUpload(EvidenceKind.ID_FRONT, new ByteArrayInputStream(oneMore)));
    }

    @Test
    void shouldStoreTenMegabytesWithTheSha256OfTheWholeStream() throws Exception {
        EvidenceFileService service = service(Map.of("k1", key(1)), "k1");
        byte[] header = EvidenceSamples.mp4Header(TEN_MB - EvidenceSamples.mp4Header(0).length);
        long size = TEN_MB - header.length;
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        InputStream upload = new DigestInputStream(
                new SequenceInputStream(new ByteArrayInputStream(header), EvidenceSamples.generatedStream(size)), expected);

        StoredEvidence stored = service.storeUpload(EvidenceKind.VIDEO, upload);

        assertEquals(TEN_MB, stored.size());
        assertEquals(HexFormat.of().formatHex(expected.digest()), stored.sha256());
        MessageDigest reread = MessageDigest.getInstance("SHA-256");
        try (InputStream content = new DigestInputStream(service.openContent(stored.objectKey()), reread)) {
            content.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertEquals(stored.sha256(), HexFormat.of().formatHex(reread.digest()));
    }

    @Test
    void shouldAnswerNotFoundForContentThatIsGone() {
        EvidenceFileService service = service(Map.of("k1", key(1)), "k1");
        StoredEvidence stored = service.storeUpload(EvidenceKind.ID_FRONT, new ByteArrayInputStream(EvidenceSamples.pdf()));

        assertTrue(service.deleteContent(stored.objectKey()));

        ProblemException gone = assertThrows(ProblemException.class, () -> service.openContent(stored.objectKey()));
        assertEquals(404, gone.status());
        assertEquals(404, assertThrows(ProblemException.class, () -> service.openContent("../keys/evidence-master.key")).status());
    }

    @Test
    void shouldRewrapEveryObjectOnceAfterANewMasterKeyBecomesCurrent() throws IOException {
        EvidenceFileService before = service(Map.of("k1", key(1)), "k1");
        byte[] scan = EvidenceSamples.pdf();
        String first = before.storeUpload(EvidenceKind.ID_FRONT, new ByteArrayInputStream(scan)).objectKey();
        before.storeUpload(EvidenceKind.ID_BACK, new ByteArrayInputStream(EvidenceSamples.png(40, 40)));

        EvidenceFileService rotating = service(Map.of("k1", key(1), "k2", key(2)), "k2");
        rotating.storeUpload(EvidenceKind.VIDEO, new ByteArrayInputStream(EvidenceSamples.mp4()));

        assertEquals(new EvidenceFileService.RewrapSummary(2, 1, 0), rotating.rewrapAll());
        assertEquals(new EvidenceFileService.RewrapSummary(0, 3, 0), rotating.rewrapAll());
        try (InputStream content = service(Map.of("k2", key(2)), "k2").openContent(first)) {
            assertArrayEquals(scan, content.readAllBytes());
        }
    }

    private EvidenceFileService service(Map<String, byte[]> keys, String current) {
        return new EvidenceFileService(storage(keys, current), inspector(), TEN_MB);
    }

    private EvidenceStorage storage(Map<String, byte[]> keys, String current) {
        return new FileSystemEvidenceStorage(dir, new EvidenceEncryption(new MasterKeyring(keys, current)));
    }

    private static ContentInspector inspector() {
        return new ContentInspector(10_000, 40_000_000L);
    }

    private void assertNothingStored() {
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of(), files.filter(Files::isRegularFile).toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] key(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }
}
