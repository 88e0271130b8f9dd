package com.recoverydesk.evidence;

import com.recoverydesk.evidence.EvidenceRefusedException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Recognises an upload by its first bytes (magic numbers), never by its name or declared type, and
 * reads an image's dimensions from its header alone. Nothing is decoded: a PNG that claims
 * 100,000 × 100,000 pixels is refused from its 24-byte header, before any viewer could try to
 * allocate 40 GB for it.
 *
 * <p>Plain Java and stateless, so it can be used and tested without the application.
 */
public final class ContentInspector {

    /**
     * How many leading bytes inspection may look at. A JPEG's frame header (with the dimensions)
     * follows its metadata segments (EXIF, ICC profile), which phones keep well under this size.
     */
    public static final int INSPECTION_WINDOW = 256 * 1024;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG_SIGNATURE = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PDF_SIGNATURE = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FTYP = "ftyp".getBytes(StandardCharsets.US_ASCII);

    /** ISO base media brands that mean an MP4 video (ISO/IEC 14496-12/14, the mp4ra.org registry). */
    private static final Set<String> MP4_BRANDS = Set.of(
            "isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "dash", "MSNV");
    /** Same container, but still images (HEIC, AVIF): not a video even if they list "isom". */
    private static final Set<String> STILL_IMAGE_BRANDS = Set.of(
            "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "avif", "avis", "miaf");
    /** A real ftyp box holds a handful of brands; anything bigger is not one we want to parse. */
    private static final int MAX_FTYP_SIZE = 1024;

    private final int maxImageSide;
    private final long maxImagePixels;

    public ContentInspector(int maxImageSide, long maxImagePixels) {
        this.maxImageSide = maxImageSide;
        this.maxImagePixels = maxImagePixels;
    }

    /**
     * Inspects the first bytes of an upload meant as evidence of {@code kind}.
     *
     * @param head      the upload's first bytes, at most {@link #INSPECTION_WINDOW} of them
     * @param wholeFile true when {@code head} is the entire upload, so that a header cut short is
     *                  a truncated file rather than one whose header lies beyond the window
     * @throws EvidenceRefusedException when the upload is empty, of no accepted format, of a format
     *                                  this kind does not take, damaged, or an image too large
     */
    public InspectedContent inspect(EvidenceKind kind, byte[] head, boolean wholeFile) {
        if (head.length == 0) {
            throw new EvidenceRefusedException(Reason.EMPTY, "The file is empty.");
        }
        EvidenceFormat format = recognise(head);
        if (format == null) {
            if (wholeFile && isPrefixOfASignature(head)) {
                throw damaged();
            }
            throw new EvidenceRefusedException(Reason.UNSUPPORTED_FORMAT,
                    "This file is not in a format we accept. " + kind.acceptedFormatsSentence());
        }
        if (!kind.accepts(format)) {
            throw new EvidenceRefusedException(Reason.FORMAT_NOT_ACCEPTED_FOR_KIND,
                    "This file is " + format.description() + ". " + kind.acceptedFormatsSentence());
        }
        return switch (format) {
            case PNG -> checked(format, pngDimensions(head, wholeFile));
            case JPEG -> checked(format, jpegDimensions(head, wholeFile));
            case PDF -> new InspectedContent(format, 0, 0);
            case MP4 -> new InspectedContent(format, 0, 0);
        };
    }

    private static EvidenceFormat recognise(byte[] head) {
        if (startsWith(head, PNG_SIGNATURE)) {
            return EvidenceFormat.PNG;
        }
        if (startsWith(head, JPEG_SIGNATURE)) {
            return EvidenceFormat.JPEG;
        }
        if (startsWith(head, PDF_SIGNATURE)) {
            return EvidenceFormat.PDF;
        }
        if (head.length >= 8 && Arrays.equals(head, 4, 8, FTYP, 0, 4)) {
            return isMp4FileTypeBox(head) ? EvidenceFormat.MP4 : null;
        }
        return null;
    }

    /** The ftyp box: size, "ftyp", major brand, minor version, compatible brands. */
    private static boolean isMp4FileTypeBox(byte[] head) {
        long size = readUnsigned32(head, 0);
        if (size < 16 || size > MAX_FTYP_SIZE || size % 4 != 0) {
            return false;
        }
        if (size > head.length) {
            // the head holds the window or the whole file, and the window is far larger than any ftyp box
            throw damaged();
        }
        String major = brandAt(head, 8);
        if (MP4_BRANDS.contains(major)) {
            return true;
        }
        if (STILL_IMAGE_BRANDS.contains(major)) {
            return false;
        }
        for (int offset = 16; offset < size; offset += 4) {
            if (MP4_BRANDS.contains(brandAt(head, offset))) {
                return true;
            }
        }
        return false;
    }

    /** PNG: the signature, then the IHDR chunk (length 13, "IHDR", width, height, ...). */
    private static int[] pngDimensions(byte[] head, boolean wholeFile) {
        if (head.length < 24) {
            throw wholeFile ? damaged() : unreadableImageHeader();
        }
        boolean ihdrFirst = readUnsigned32(head, 8) == 13
                && Arrays.equals(head, 12, 16, "IHDR".getBytes(StandardCharsets.US_ASCII), 0, 4);
        if (!ihdrFirst) {
            throw damaged();
        }
        long width = readUnsigned32(head, 16);
        long height = readUnsigned32(head, 20);
        // the PNG specification caps both at 2^31 - 1; anything else is a forged header
        if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw damaged();
        }
        return new int[] {(int) width, (int) height};
    }

    /**
     * JPEG: walk the marker segments after SOI until a start-of-frame (SOFn) segment, which holds
     * the height and width. Each segment carries its length, so the walk skips metadata unread.
     */
    private static int[] jpegDimensions(byte[] head, boolean wholeFile) {
        int pos = 2;
        while (true) {
            if (pos >= head.length) {
                throw wholeFile ? damaged() : unreadableImageHeader();
            }
            if ((head[pos] & 0xFF) != 0xFF) {
                throw damaged();
            }
            while (pos < head.length && (head[pos] & 0xFF) == 0xFF) {
                pos++; // a marker may be preceded by any number of 0xFF fill bytes
            }
            if (pos >= head.length) {
                throw wholeFile ? damaged() : unreadableImageHeader();
            }
            int marker = head[pos++] & 0xFF;
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // TEM and RSTn stand alone, without a length
            }
            if (marker == 0xD9 || marker == 0xDA) {
                throw damaged(); // end of image or image data before any frame header
            }
            if (pos + 2 > head.length) {
                throw wholeFile ? damaged() : unreadableImageHeader();
            }
            int segmentLength = readUnsigned16(head, pos);
            if (segmentLength < 2) {
                throw damaged();
            }
            if (isStartOfFrame(marker)) {
                // length (2), sample precision (1), height (2), width (2)
                if (segmentLength < 7) {
                    throw damaged();
                }
                if (pos + 7 > head.length) {
                    throw wholeFile ? damaged() : unreadableImageHeader();
                }
                return new int[] {readUnsigned16(head, pos + 5), readUnsigned16(head, pos + 3)};
            }
            pos += segmentLength;
        }
    }

    /** SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private InspectedContent checked(EvidenceFormat format, int[] widthAndHeight) {
        int width = widthAndHeight[0];
        int height = widthAndHeight[1];
        if (width == 0 || height == 0) {
            // JPEG allows a height defined later (DNL marker); no camera writes it, and a
            // zero-sized PNG is invalid
            throw damaged();
        }
        if (width > maxImageSide || height > maxImageSide || (long) width * height > maxImagePixels) {
            throw new EvidenceRefusedException(Reason.IMAGE_TOO_LARGE, String.format(
                    "The image is too large: at most %,d pixels per side and %,d megapixels are accepted. "
                            + "Please upload a smaller photo.",
                    maxImageSide, maxImagePixels / 1_000_000));
        }
        return new InspectedContent(format, width, height);
    }

    private static boolean isPrefixOfASignature(byte[] head) {
        for (byte[] signature : new byte[][] {PNG_SIGNATURE, JPEG_SIGNATURE, PDF_SIGNATURE}) {
            if (head.length < signature.length && Arrays.equals(head, 0, head.length, signature, 0, head.length)) {
                return true;
            }
        }
        return false;
    }

    private static EvidenceRefusedException damaged() {
        return new EvidenceRefusedException(Reason.DAMAGED,
                "The file appears to be damaged or incomplete. Please upload it again.");
    }

    private static EvidenceRefusedException unreadableImageHeader() {
        return new EvidenceRefusedException(Reason.DAMAGED,
                "We could not read this image's size. Please save it again as a plain JPEG or PNG photo and upload that.");
    }

    private static boolean startsWith(byte[] head, byte[] signature) {
        return head.length >= signature.length && Arrays.equals(head, 0, signature.length, signature, 0, signature.length);
    }

    private static String brandAt(byte[] head, int offset) {
        return new String(head, offset, 4, StandardCharsets.ISO_8859_1);
    }

    private static long readUnsigned32(byte[] bytes, int offset) {
        return ((long) (bytes[offset] & 0xFF) << 24) | ((bytes[offset + 1] & 0xFF) << 16)
                | ((bytes[offset + 2] & 0xFF) << 8) | (bytes[offset + 3] & 0xFF);
    }

    private static int readUnsigned16(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
    }
}
