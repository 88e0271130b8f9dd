package com.recoverydesk.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.evidence.EvidenceRefusedException.Reason;
import com.recoverydesk.support.EvidenceSamples;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ContentInspectorTest {

    private final ContentInspector inspector = new ContentInspector(10_000, 40_000_000L);

    @Test
    void shouldRecognisePhotosByContentAndReadTheirDimensions() {
        InspectedContent png = inspector.inspect(EvidenceKind.SELFIE_WITH_NOTE, EvidenceSamples.png(64, 48), true);
        assertEquals(new InspectedContent(EvidenceFormat.PNG, 64, 48), png);

        InspectedContent jpeg = inspector.inspect(EvidenceKind.ID_FRONT, EvidenceSamples.jpeg(320, 200), true);
        assertEquals(new InspectedContent(EvidenceFormat.JPEG, 320, 200), jpeg);
    }

    @Test
    void shouldFindTheJpegFrameHeaderBehindLargeMetadata() {
        byte[] photo = EvidenceSamples.jpegWithMetadata(120, 90, 150_000);
        assertEquals(new InspectedContent(EvidenceFormat.JPEG, 120, 90), inspector.inspect(EvidenceKind.ID_BACK, photo, true));
    }

    @Test
    void shouldRecognisePdfForDocumentsAndMp4ForTheVideo() {
        assertEquals(EvidenceFormat.PDF, inspector.inspect(EvidenceKind.SECOND_DOCUMENT, EvidenceSamples.pdf(), true).format());
        assertEquals(EvidenceFormat.MP4, inspector.inspect(EvidenceKind.VIDEO, EvidenceSamples.mp4(), true).format());
        assertEquals(EvidenceFormat.MP4, inspector.inspect(EvidenceKind.VIDEO,
                EvidenceSamples.isoMediaFile("mp42", "mp42", "isom"), true).format());
    }

    @Test
    void shouldRefuseHtmlWhateverItIsCalled() {
        EvidenceRefusedException refused = refused(EvidenceKind.ID_FRONT, EvidenceSamples.html());
        assertEquals(Reason.UNSUPPORTED_FORMAT, refused.reason());
        assertEquals(415, refused.status());
        assertEquals("This file is not in a format we accept. The front of the ID document must be "
                + "a JPEG photo, a PNG photo or a PDF document.", refused.getMessage());
    }

    @Test
    void shouldRefuseAFormatTheKindDoesNotTake() {
        EvidenceRefusedException pdfSelfie = refused(EvidenceKind.SELFIE_WITH_NOTE, EvidenceSamples.pdf());
        assertEquals(Reason.FORMAT_NOT_ACCEPTED_FOR_KIND, pdfSelfie.reason());
        assertEquals(415, pdfSelfie.status());
        assertEquals("This file is a PDF document. The selfie with the handwritten note must be a JPEG photo or a PNG photo.",
                pdfSelfie.getMessage());

        assertEquals(Reason.FORMAT_NOT_ACCEPTED_FOR_KIND, refused(EvidenceKind.VIDEO, EvidenceSamples.png(10, 10)).reason());
        assertEquals(Reason.FORMAT_NOT_ACCEPTED_FOR_KIND, refused(EvidenceKind.ID_FRONT, EvidenceSamples.mp4()).reason());
    }

    @Test
    void shouldRefuseStillImagesInAVideoContainer() {
        assertEquals(Reason.UNSUPPORTED_FORMAT, refused(EvidenceKind.VIDEO, EvidenceSamples.heic()).reason());
        assertEquals(Reason.UNSUPPORTED_FORMAT, refused(EvidenceKind.VIDEO, EvidenceSamples.isoMediaFile("qt  ", "qt  ")).reason());
    }

    @Test
    void shouldRefuseAnImageBombFromItsHeaderAlone() {
        byte[] bomb = EvidenceSamples.pngHeaderClaiming(100_000, 100_000);
        assertTrue(bomb.length < 100, "the test file itself is tiny");
        EvidenceRefusedException refused = refused(EvidenceKind.ID_FRONT, bomb);
        assertEquals(Reason.IMAGE_TOO_LARGE, refused.reason());
        assertEquals(413, refused.status());
        assertTrue(refused.getMessage().contains("10,000 pixels per side"), refused.getMessage());

        assertEquals(Reason.IMAGE_TOO_LARGE, refused(EvidenceKind.ID_FRONT, EvidenceSamples.jpegHeaderClaiming(65_000, 100)).reason());
    }

    @Test
    void shouldRefuseImagesOverTheMegapixelCapEvenWhenEachSideFits() {
        assertEquals(Reason.IMAGE_TOO_LARGE, refused(EvidenceKind.ID_FRONT, EvidenceSamples.pngHeaderClaiming(9_000, 9_000)).reason());
        assertEquals(EvidenceFormat.PNG, inspector.inspect(EvidenceKind.ID_FRONT, EvidenceSamples.pngHeaderClaiming(8_000, 5_000), true).format());
    }

    @Test
    void shouldRefuseEmptyAndTruncatedFiles() {
        EvidenceRefusedException empty = refused(EvidenceKind.ID_FRONT, new byte[0]);
        assertEquals(Reason.EMPTY, empty.reason());
        assertEquals(400, empty.status());

        byte[] png = EvidenceSamples.png(30, 30);
        for (int length : new int[] {3, 8, 20}) {
            assertEquals(Reason.DAMAGED, refused(EvidenceKind.ID_FRONT, Arrays.copyOf(png, length)).reason(), "PNG cut at " + length);
        }
        byte[] jpeg = EvidenceSamples.jpeg(30, 30);
        for (int length : new int[] {2, 3, 10, 40}) {
            assertEquals(Reason.DAMAGED, refused(EvidenceKind.ID_FRONT, Arrays.copyOf(jpeg, length)).reason(), "JPEG cut at " + length);
        }
        assertEquals(Reason.DAMAGED, refused(EvidenceKind.ID_FRONT, "%PD".getBytes()).reason());
        assertEquals(Reason.DAMAGED, refused(EvidenceKind.VIDEO, Arrays.copyOf(EvidenceSamples.mp4(), 20)).reason());
    }

    @Test
    void shouldRefuseAJpegWithImageDataBeforeAnyFrameHeader() {
        byte[] noFrame = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2, 1, 2, 3};
        assertEquals(Reason.DAMAGED, refused(EvidenceKind.ID_FRONT, noFrame).reason());
    }

    @Test
    void shouldSayTheImageSizeIsUnreadableWhenItLiesBeyondTheWindow() {
        byte[] photo = EvidenceSamples.jpegWithMetadata(100, 100, ContentInspector.INSPECTION_WINDOW + 1000);
        byte[] window = Arrays.copyOf(photo, ContentInspector.INSPECTION_WINDOW);
        EvidenceRefusedException refused = assertThrows(EvidenceRefusedException.class,
                () -> inspector.inspect(EvidenceKind.ID_FRONT, window, false));
        assertEquals(Reason.DAMAGED, refused.reason());
        assertTrue(refused.getMessage().startsWith("We could not read this image's size"), refused.getMessage());
    }

    @Test
    void shouldKeepRefusalMessagesFreeOfTheFilesContent() {
        EvidenceRefusedException refused = refused(EvidenceKind.ID_FRONT, EvidenceSamples.html());
        assertFalse(refused.getMessage().contains("script"));
    }

    private EvidenceRefusedException refused(EvidenceKind kind, byte[] content) {
        return assertThrows(EvidenceRefusedException.class, () -> inspector.inspect(kind, content, true));
    }
}
