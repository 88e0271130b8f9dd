package com.recoverydesk.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Small evidence files made on the spot: real images written by {@code javax.imageio}, and
 * hand-built headers for what would be large or hostile (a PNG claiming 100,000 × 100,000 pixels
 * in 45 bytes). For the evidence tests and for the upload endpoints' tests.
 */
public final class EvidenceSamples {

    private EvidenceSamples() {
    }

    public static byte[] png(int width, int height) {
        return image("png", width, height);
    }

    public static byte[] jpeg(int width, int height) {
        return image("jpg", width, height);
    }

    /** A real JPEG whose frame header comes after {@code metadataBytes} of APP1 metadata, as with a phone's EXIF block. */
    public static byte[] jpegWithMetadata(int width, int height, int metadataBytes) {
        byte[] plain = jpeg(width, height);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2); // SOI
        int remaining = metadataBytes;
        while (remaining > 0) {
            int payload = Math.min(remaining, 65_533);
            out.write(0xFF);
            out.write(0xE1);
            out.write((payload + 2) >> 8);
            out.write((payload + 2) & 0xFF);
            out.write(new byte[payload], 0, payload);
            remaining -= payload;
        }
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    /** A PNG header (signature, IHDR with a valid CRC, IEND) declaring any size, with no pixel data. */
    public static byte[] pngHeaderClaiming(long width, long height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt((int) width).putInt((int) height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A JPEG header (SOI, SOF0) declaring any size, with no image data. */
    public static byte[] jpegHeaderClaiming(int width, int height) {
        return new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 11, 8,
                (byte) (height >> 8), (byte) height, (byte) (width >> 8), (byte) width, 1, 1, 0x11, 0};
    }

    /** A one-page PDF with its cross-reference table. */
    public static byte[] pdf() {
        String body = "%PDF-1.4\n"
                + "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n";
        int xref = body.length();
        return (body + "xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n0000000115 00000 n \n"
                + "trailer << /Size 4 /Root 1 0 R >>\nstartxref\n" + xref + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A small MP4 shaped as a phone writes it: ftyp (isom, compatible iso2/avc1/mp41), a movie box
     * with its header and one track, and a media data box with a few bytes of "recording".
     */
    public static byte[] mp4() {
        byte[] payload = new byte[64];
        java.util.Arrays.fill(payload, (byte) 0x5A);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(mp4Header(payload.length));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** ftyp and moov as in {@link #mp4()}, then an mdat header announcing {@code mediaBytes}: append that many bytes to make a whole file. */
    public static byte[] mp4Header(long mediaBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(fileTypeBox("isom", "isom", "iso2", "avc1", "mp41"));
        byte[] mvhd = box("mvhd", new byte[100]);
        byte[] trak = box("trak", box("tkhd", new byte[84]));
        ByteArrayOutputStream movie = new ByteArrayOutputStream();
        movie.writeBytes(mvhd);
        movie.writeBytes(trak);
        out.writeBytes(box("moov", movie.toByteArray()));
        out.writeBytes(ByteBuffer.allocate(8).putInt((int) (8 + mediaBytes)).put(ascii("mdat")).array());
        return out.toByteArray();
    }

    /** What issue 12 found accepted: an MP4 that is only a header, a file type box and a media data box with nothing a player could play. */
    public static byte[] mp4HeaderOnly() {
        return isoMediaFile("isom", "isom", "iso2", "avc1", "mp41");
    }

    /** An ISO media box: 32-bit size, type, content. */
    public static byte[] box(String type, byte[] content) {
        return ByteBuffer.allocate(8 + content.length).putInt(8 + content.length).put(ascii(type)).put(content).array();
    }

    /** The same container as MP4, but a HEIC still image. */
    public static byte[] heic() {
        return isoMediaFile("heic", "mif1", "heic");
    }

    /** An ISO base media file: an ftyp box with the given brands and a small mdat box. */
    public static byte[] isoMediaFile(String majorBrand, String... compatibleBrands) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(fileTypeBox(majorBrand, compatibleBrands));
        out.writeBytes(ByteBuffer.allocate(16).putInt(16).put(ascii("mdat")).putLong(0x0102030405060708L).array());
        return out.toByteArray();
    }

    private static byte[] fileTypeBox(String majorBrand, String... compatibleBrands) {
        ByteBuffer ftyp = ByteBuffer.allocate(16 + 4 * compatibleBrands.length);
        ftyp.putInt(ftyp.capacity()).put(ascii("ftyp")).put(ascii(majorBrand)).putInt(0x200);
        for (String brand : compatibleBrands) {
            ftyp.put(ascii(brand));
        }
        return ftyp.array();
    }

    /**
     * A PDF whose catalog carries {@code catalogEntries} (e.g. {@code /OpenAction 4 0 R}) and whose
     * objects from 4 on are {@code moreObjects}, with a correct cross-reference table.
     */
    public static byte[] pdfWith(String catalogEntries, String... moreObjects) {
        List<String> objects = new java.util.ArrayList<>(List.of(
                "<< /Type /Catalog /Pages 2 0 R " + catalogEntries + " >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"));
        objects.addAll(List.of(moreObjects));
        StringBuilder pdf = new StringBuilder("%PDF-1.7\n");
        List<Integer> offsets = new java.util.ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj ").append(objects.get(i)).append(" endobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer << /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * A photo-like image that no other test makes: a grid of blocks whose shades come from
     * {@code seed}, so that its perceptual hash has structure and differs from every other seed's.
     */
    public static BufferedImage photo(long seed, int width, int height) {
        java.util.Random random = new java.util.Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        int cells = 12;
        for (int cy = 0; cy < cells; cy++) {
            for (int cx = 0; cx < cells; cx++) {
                graphics.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
                graphics.fillRect(cx * width / cells, cy * height / cells, width / cells + 1, height / cells + 1);
            }
        }
        graphics.dispose();
        return image;
    }

    public static byte[] jpeg(BufferedImage image) {
        return write(image, "jpg");
    }

    public static byte[] png(BufferedImage image) {
        return write(image, "png");
    }

    /** The image scaled by {@code factor} (smoothly, as a phone's "resize" does) and saved again as a JPEG. */
    public static byte[] resizedJpeg(byte[] original, double factor) {
        try {
            BufferedImage source = ImageIO.read(new java.io.ByteArrayInputStream(original));
            int width = (int) Math.round(source.getWidth() * factor);
            int height = (int) Math.round(source.getHeight() * factor);
            BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D graphics = scaled.createGraphics();
            graphics.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.drawImage(source, 0, 0, width, height, null);
            graphics.dispose();
            return jpeg(scaled);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The JPEG with an EXIF block (APP1) inserted after its SOI, built by hand as a camera writes it:
     * a big-endian TIFF header, IFD0 with Software (when given) and a pointer to the EXIF IFD, which
     * holds DateTimeOriginal and, when given, OffsetTimeOriginal.
     *
     * @param captured "yyyy:MM:dd HH:mm:ss", or null for no capture time
     * @param offset   e.g. "+09:00", or null
     * @param software e.g. "Adobe Photoshop 25.0 (Windows)", or null
     */
    public static byte[] withExif(byte[] jpeg, String captured, String offset, String software) {
        List<Object[]> ifd0 = new java.util.ArrayList<>();
        if (software != null) {
            ifd0.add(new Object[] {0x0131, software});
        }
        List<Object[]> exif = new java.util.ArrayList<>();
        if (captured != null) {
            exif.add(new Object[] {0x9003, captured});
        }
        if (offset != null) {
            exif.add(new Object[] {0x9011, offset});
        }
        // layout: TIFF header (8), IFD0, its values, EXIF IFD, its values
        int ifd0Size = 2 + 12 * (ifd0.size() + 1) + 4;
        int ifd0Values = ifd0.stream().mapToInt(e -> asciiLength((String) e[1])).sum();
        int exifOffset = 8 + ifd0Size + ifd0Values;
        int exifSize = 2 + 12 * exif.size() + 4;
        ByteBuffer tiff = ByteBuffer.allocate(exifOffset + exifSize + exif.stream().mapToInt(e -> asciiLength((String) e[1])).sum());
        tiff.put(ascii("MM")).putShort((short) 42).putInt(8);
        writeIfd(tiff, ifd0, 8 + ifd0Size, new int[] {0x8769, exifOffset});
        writeIfd(tiff, exif, exifOffset + exifSize, null);
        byte[] tiffBytes = tiff.array();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int length = 2 + 6 + tiffBytes.length;
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(tiffBytes);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** Entries sorted by tag as TIFF requires; ASCII values (with their NUL) go after the IFD; an optional LONG pointer entry. */
    private static void writeIfd(ByteBuffer tiff, List<Object[]> entries, int valuesAt, int[] pointer) {
        List<Object[]> sorted = new java.util.ArrayList<>(entries);
        if (pointer != null) {
            sorted.add(new Object[] {pointer[0], pointer[1]});
        }
        sorted.sort(java.util.Comparator.comparingInt(e -> (Integer) e[0]));
        tiff.putShort((short) sorted.size());
        int valueOffset = valuesAt;
        List<byte[]> values = new java.util.ArrayList<>();
        for (Object[] entry : sorted) {
            tiff.putShort((short) (int) (Integer) entry[0]);
            if (entry[1] instanceof Integer longValue) {
                tiff.putShort((short) 4).putInt(1).putInt(longValue);
            } else {
                byte[] text = (((String) entry[1]) + "\0").getBytes(StandardCharsets.US_ASCII);
                tiff.putShort((short) 2).putInt(text.length);
                if (text.length <= 4) {
                    tiff.put(java.util.Arrays.copyOf(text, 4));
                } else {
                    tiff.putInt(valueOffset);
                    values.add(text);
                    valueOffset += text.length;
                }
            }
        }
        tiff.putInt(0); // no next IFD
        values.forEach(tiff::put);
    }

    private static int asciiLength(String value) {
        int length = value.length() + 1;
        return length <= 4 ? 0 : length;
    }

    public static byte[] html() {
        return "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code size} bytes generated as they are read (a counter run through a mixing function), so
     * that a test can stream megabytes without holding them. The same size always gives the same bytes.
     */
    public static InputStream generatedStream(long size) {
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                if (position >= size) {
                    return -1;
                }
                return byteAt(position++);
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (position >= size) {
                    return -1;
                }
                int count = (int) Math.min(length, size - position);
                for (int i = 0; i < count; i++) {
                    buffer[offset + i] = (byte) byteAt(position++);
                }
                return count;
            }
        };
    }

    private static int byteAt(long position) {
        long mixed = (position + 0x9E3779B97F4A7C15L) * 0xBF58476D1CE4E5B9L;
        return (int) ((mixed ^ (mixed >>> 31)) >>> 24) & 0xFF;
    }

    private static byte[] image(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.ORANGE);
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(Color.BLUE);
        graphics.drawLine(0, 0, width - 1, height - 1);
        graphics.dispose();
        return write(image, format);
    }

    private static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(ascii(type));
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(ascii(type));
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
