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

    /** An MP4's boxes as a camera writes them first: ftyp (isom, compatible iso2/avc1/mp41), then an empty mdat. */
    public static byte[] mp4() {
        return isoMediaFile("isom", "isom", "iso2", "avc1", "mp41");
    }

    /** The same container as MP4, but a HEIC still image. */
    public static byte[] heic() {
        return isoMediaFile("heic", "mif1", "heic");
    }

    /** An ISO base media file: an ftyp box with the given brands and a small mdat box. */
    public static byte[] isoMediaFile(String majorBrand, String... compatibleBrands) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer ftyp = ByteBuffer.allocate(16 + 4 * compatibleBrands.length);
        ftyp.putInt(ftyp.capacity()).put(ascii("ftyp")).put(ascii(majorBrand)).putInt(0x200);
        for (String brand : compatibleBrands) {
            ftyp.put(ascii(brand));
        }
        out.writeBytes(ftyp.array());
        out.writeBytes(ByteBuffer.allocate(16).putInt(16).put(ascii("mdat")).putLong(0x0102030405060708L).array());
        return out.toByteArray();
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
