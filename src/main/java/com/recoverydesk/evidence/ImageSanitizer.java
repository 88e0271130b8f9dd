package com.recoverydesk.evidence;

import com.drew.imaging.ImageMetadataReader;
import com.drew.lang.KeyValuePair;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.photoshop.PhotoshopDirectory;
import com.drew.metadata.png.PngDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import com.recoverydesk.evidence.EvidenceRefusedException.Reason;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Re-encodes an uploaded photo so that what staff download is only pixels: whatever followed the
 * image (an HTML or script payload appended to a JPEG, a phone's motion-photo trailer) and all
 * metadata (EXIF with GPS position, XMP, comments) are gone. Before stripping, it reads the facts
 * the machine checks need from the metadata, and the image's perceptual hash.
 *
 * <p>The EXIF orientation is applied to the pixels, since the tag that told a viewer to rotate is
 * stripped with the rest. Plain Java and stateless.
 */
public final class ImageSanitizer {

    /** High enough that a document's small print stays as legible as in the upload. */
    static final float JPEG_QUALITY = 0.92f;
    private static final int MAX_NAMED_LENGTH = 80;
    private static final DateTimeFormatter EXIF_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

    /** The re-encoded image and what the original said. */
    public record Sanitized(byte[] content, int width, int height, ImageFacts facts) {}

    /**
     * @throws EvidenceRefusedException 400 when the image does not decode (damaged, or a kind of
     *                                  JPEG or PNG that we cannot read, such as CMYK)
     */
    public Sanitized sanitize(EvidenceFormat format, byte[] original) {
        int end = format == EvidenceFormat.JPEG ? jpegEnd(original) : pngEnd(original);
        Metadata metadata = readMetadata(original, end);
        BufferedImage decoded;
        try {
            decoded = ImageIO.read(new ByteArrayInputStream(original, 0, end));
        } catch (IOException | RuntimeException e) {
            decoded = null;
        }
        if (decoded == null) {
            throw new EvidenceRefusedException(Reason.DAMAGED,
                    "We could not read this image. Please save it again as a plain JPEG or PNG photo and upload that.");
        }
        BufferedImage upright = oriented(decoded, metadata == null ? 1 : orientation(metadata));
        byte[] content = encode(format, upright);
        ImageFacts facts = new ImageFacts(captureTime(metadata), captureOffset(metadata), softwareNamed(metadata),
                dHash(upright), original.length - end, metadata != null);
        return new Sanitized(content, upright.getWidth(), upright.getHeight(), facts);
    }

    /**
     * The difference hash (dHash): the image reduced to 9 × 8 cells of mean brightness, one bit per
     * pair of horizontal neighbours (1 where the left cell is brighter). Re-encoding, resizing and
     * mild colour changes move only a few of the 64 bits; a different photo differs in about half.
     */
    public static long dHash(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        long[] sums = new long[9 * 8];
        int[] counts = new int[9 * 8];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            int cellRow = (int) ((long) y * 8 / height);
            for (int x = 0; x < width; x++) {
                int cell = cellRow * 9 + (int) ((long) x * 9 / width);
                sums[cell] += brightness(row[x]);
                counts[cell]++;
            }
        }
        long hash = 0;
        for (int cy = 0; cy < 8; cy++) {
            for (int cx = 0; cx < 8; cx++) {
                hash = (hash << 1) | (mean(image, sums, counts, cx, cy) > mean(image, sums, counts, cx + 1, cy) ? 1 : 0);
            }
        }
        return hash;
    }

    /** The number of differing bits between two dHashes: 0 for the same picture, about 32 for unrelated ones. */
    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    private static double mean(BufferedImage image, long[] sums, int[] counts, int cx, int cy) {
        int cell = cy * 9 + cx;
        if (counts[cell] > 0) {
            return (double) sums[cell] / counts[cell];
        }
        // an image narrower than 9 or lower than 8 pixels leaves cells empty: sample the pixel under the cell
        int x = Math.min(image.getWidth() - 1, (2 * cx + 1) * image.getWidth() / 18);
        int y = Math.min(image.getHeight() - 1, (2 * cy + 1) * image.getHeight() / 16);
        return brightness(image.getRGB(x, y));
    }

    private static int brightness(int rgb) {
        return (299 * ((rgb >> 16) & 0xFF) + 587 * ((rgb >> 8) & 0xFF) + 114 * (rgb & 0xFF)) / 1000;
    }

    /**
     * Where the JPEG ends: after its EOI marker, found by walking the marker segments and the
     * entropy-coded data after each SOS (where 0xFF is followed by 0x00 or a restart marker). A file
     * without an EOI ends at its last byte.
     */
    static int jpegEnd(byte[] bytes) {
        int pos = 2;
        while (pos + 1 < bytes.length) {
            if ((bytes[pos] & 0xFF) != 0xFF) {
                return bytes.length;
            }
            int marker = bytes[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++; // fill byte
                continue;
            }
            if (marker == 0xD9) {
                return pos + 2;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                pos += 2;
                continue;
            }
            if (pos + 3 >= bytes.length) {
                return bytes.length;
            }
            int length = ((bytes[pos + 2] & 0xFF) << 8) | (bytes[pos + 3] & 0xFF);
            pos += 2 + length;
            if (marker == 0xDA) {
                pos = nextMarkerAfterScan(bytes, pos);
            }
        }
        return bytes.length;
    }

    private static int nextMarkerAfterScan(byte[] bytes, int pos) {
        while (pos + 1 < bytes.length) {
            if ((bytes[pos] & 0xFF) == 0xFF) {
                int next = bytes[pos + 1] & 0xFF;
                if (next != 0x00 && next != 0xFF && !(next >= 0xD0 && next <= 0xD7)) {
                    return pos;
                }
            }
            pos++;
        }
        return bytes.length;
    }

    /** Where the PNG ends: after the IEND chunk's CRC. */
    static int pngEnd(byte[] bytes) {
        long pos = 8;
        while (pos + 8 <= bytes.length) {
            long length = ((long) (bytes[(int) pos] & 0xFF) << 24) | ((bytes[(int) pos + 1] & 0xFF) << 16)
                    | ((bytes[(int) pos + 2] & 0xFF) << 8) | (bytes[(int) pos + 3] & 0xFF);
            boolean iend = bytes[(int) pos + 4] == 'I' && bytes[(int) pos + 5] == 'E' && bytes[(int) pos + 6] == 'N' && bytes[(int) pos + 7] == 'D';
            pos += 12 + length;
            if (iend) {
                return (int) Math.min(pos, bytes.length);
            }
        }
        return bytes.length;
    }

    /** Null when the metadata is damaged: the image may still be good evidence, and the checks say the metadata was unreadable. */
    private static Metadata readMetadata(byte[] original, int end) {
        try {
            return ImageMetadataReader.readMetadata(new ByteArrayInputStream(original, 0, end), end);
        } catch (Exception | StackOverflowError e) {
            return null;
        }
    }

    private static int orientation(Metadata metadata) {
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        Integer value = ifd0 == null ? null : ifd0.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
        return value == null || value < 1 || value > 8 ? 1 : value;
    }

    /** Applies an EXIF orientation (1–8): the pixels are turned the way a viewer would have shown them. */
    static BufferedImage oriented(BufferedImage image, int orientation) {
        if (orientation == 1) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        AffineTransform transform = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            default -> new AffineTransform(0, -1, 1, 0, 0, w);
        };
        boolean swapped = orientation >= 5;
        BufferedImage turned = new BufferedImage(swapped ? h : w, swapped ? w : h,
                image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = turned.createGraphics();
        graphics.drawImage(image, transform, null);
        graphics.dispose();
        return turned;
    }

    private static byte[] encode(EvidenceFormat format, BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (format == EvidenceFormat.PNG) {
                ImageIO.write(image, "png", out);
                return out.toByteArray();
            }
            BufferedImage rgb = image;
            if (image.getColorModel().hasAlpha() || (image.getType() != BufferedImage.TYPE_INT_RGB
                    && image.getType() != BufferedImage.TYPE_3BYTE_BGR && image.getType() != BufferedImage.TYPE_BYTE_GRAY)) {
                rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
                Graphics2D graphics = rgb.createGraphics();
                graphics.drawImage(image, 0, 0, java.awt.Color.WHITE, null);
                graphics.dispose();
            }
            Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
            ImageWriter writer = writers.next();
            try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(stream);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
                writer.write(null, new IIOImage(rgb, null, null), param);
            } finally {
                writer.dispose();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("Re-encoding an image in memory failed", e);
        }
    }

    private static Optional<LocalDateTime> captureTime(Metadata metadata) {
        if (metadata == null) {
            return Optional.empty();
        }
        for (ExifSubIFDDirectory exif : metadata.getDirectoriesOfType(ExifSubIFDDirectory.class)) {
            for (int tag : new int[] {ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL, ExifSubIFDDirectory.TAG_DATETIME_DIGITIZED}) {
                String text = exif.getString(tag);
                if (text != null) {
                    try {
                        return Optional.of(LocalDateTime.parse(text.trim(), EXIF_TIME));
                    } catch (DateTimeParseException unparsable) {
                        // cameras with an unset clock write "0000:00:00 00:00:00": no capture time
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<ZoneOffset> captureOffset(Metadata metadata) {
        if (metadata == null) {
            return Optional.empty();
        }
        for (ExifSubIFDDirectory exif : metadata.getDirectoriesOfType(ExifSubIFDDirectory.class)) {
            String text = exif.getString(ExifSubIFDDirectory.TAG_TIME_ZONE_ORIGINAL);
            if (text != null) {
                try {
                    return Optional.of(ZoneOffset.of(text.trim()));
                } catch (java.time.DateTimeException unparsable) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> softwareNamed(Metadata metadata) {
        if (metadata == null) {
            return List.of();
        }
        Set<String> named = new LinkedHashSet<>();
        for (ExifIFD0Directory ifd0 : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
            add(named, ifd0.getString(ExifIFD0Directory.TAG_SOFTWARE));
        }
        for (XmpDirectory xmp : metadata.getDirectoriesOfType(XmpDirectory.class)) {
            add(named, xmp.getXmpProperties().get("xmp:CreatorTool"));
        }
        for (PngDirectory png : metadata.getDirectoriesOfType(PngDirectory.class)) {
            Object text = png.getObject(PngDirectory.TAG_TEXTUAL_DATA);
            if (text instanceof List<?> pairs) {
                for (Object pair : pairs) {
                    if (pair instanceof KeyValuePair keyValue && "Software".equalsIgnoreCase(keyValue.getKey())) {
                        add(named, String.valueOf(keyValue.getValue()));
                    }
                }
            }
        }
        for (Directory photoshop : metadata.getDirectoriesOfType(PhotoshopDirectory.class)) {
            if (photoshop.getTagCount() > 0) {
                named.add("Adobe Photoshop (image resource block)");
            }
        }
        return new ArrayList<>(named);
    }

    /** Keeps what staff can read safely: printable characters, trimmed, cut short. */
    private static void add(Set<String> named, String value) {
        if (value == null) {
            return;
        }
        String printable = value.replaceAll("[\\p{Cntrl}\\p{Cf}]", " ").trim().replaceAll(" {2,}", " ");
        if (!printable.isEmpty()) {
            named.add(printable.length() > MAX_NAMED_LENGTH ? printable.substring(0, MAX_NAMED_LENGTH) + "…" : printable);
        }
    }
}
