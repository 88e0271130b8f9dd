package com.recoverydesk.evidence;

import com.recoverydesk.keys.MasterKeyring;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The encrypted evidence format (docs/evidence-storage.md): a header with the master key id and the
 * wrapped per-file data key, then the content in AES-256-GCM segments of 64 KiB. Each segment has
 * its own tag, so a reader releases only authenticated bytes and never holds more than one
 * segment; the segment's number and a last-segment flag are part of its nonce, so segments cannot
 * be reordered, dropped or appended without the decryption failing.
 *
 * <p>Header (big-endian):
 * <pre>
 *   "RDEV"  format version (1)  key id length (1)  key id (ASCII)
 *   wrap nonce (12)  wrapped data key (32 + 16 tag)  segment nonce prefix (7)
 * </pre>
 * Segment {@code i}: ciphertext of up to 64 KiB plus a 16-byte tag, under the data key, with nonce
 * {@code prefix (7) || i (4) || last ? 1 : 0 (1)}. Every segment is full but the last, which may
 * be empty.
 */
public final class EvidenceEncryption {

    public static final int SEGMENT_SIZE = 64 * 1024;

    private static final byte[] MAGIC = "RDEV".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT_VERSION = 1;
    private static final int TAG_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private static final int NONCE_PREFIX_BYTES = 7;
    private static final int DATA_KEY_BYTES = 32;
    private static final int WRAPPED_KEY_BYTES = DATA_KEY_BYTES + TAG_BYTES;
    private static final int MAX_KEY_ID_BYTES = 32;
    /** Segments are bound to the format version; nothing else needs binding (see the class comment). */
    private static final byte[] SEGMENT_AAD = {'R', 'D', 'E', 'V', FORMAT_VERSION};

    private final MasterKeyring keyring;
    private final SecureRandom random;

    public EvidenceEncryption(MasterKeyring keyring, SecureRandom random) {
        this.keyring = keyring;
        this.random = random;
    }

    public EvidenceEncryption(MasterKeyring keyring) {
        this(keyring, new SecureRandom());
    }

    /** The master key new objects, and re-wrapped ones, are wrapped with. */
    public String currentKeyId() {
        return keyring.currentKeyId();
    }

    /** What {@link #encrypt} wrote: how many plaintext bytes, under which master key. */
    public record Encrypted(long plaintextBytes, String keyId) {
    }

    /**
     * Encrypts {@code plaintext} to {@code out} under a fresh data key wrapped by the current master
     * key, reading ahead one segment so that the last one can be flagged. Memory: three buffers of
     * one segment, whatever the length of the stream.
     */
    public Encrypted encrypt(InputStream plaintext, OutputStream out) throws IOException {
        byte[] dataKeyBytes = randomBytes(DATA_KEY_BYTES);
        SecretKey dataKey = new SecretKeySpec(dataKeyBytes, "AES");
        Header header = wrap(dataKeyBytes, keyring.currentKeyId(), keyring.currentKey(), randomBytes(NONCE_PREFIX_BYTES));
        Arrays.fill(dataKeyBytes, (byte) 0);
        out.write(header.encoded());

        Cipher cipher = gcm();
        byte[] current = new byte[SEGMENT_SIZE];
        byte[] next = new byte[SEGMENT_SIZE];
        byte[] sealed = new byte[SEGMENT_SIZE + TAG_BYTES];
        long total = 0;
        int currentLength = plaintext.readNBytes(current, 0, SEGMENT_SIZE);
        for (int segment = 0; ; segment++) {
            // a short segment means the stream has ended; a full one needs a look at what follows
            int nextLength = currentLength < SEGMENT_SIZE ? 0 : plaintext.readNBytes(next, 0, SEGMENT_SIZE);
            boolean last = nextLength == 0;
            try {
                cipher.init(Cipher.ENCRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BYTES * 8, segmentNonce(header.noncePrefix, segment, last)));
                cipher.updateAAD(SEGMENT_AAD);
                int sealedLength = cipher.doFinal(current, 0, currentLength, sealed, 0);
                out.write(sealed, 0, sealedLength);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM is not available", e);
            }
            total += currentLength;
            if (last) {
                return new Encrypted(total, header.keyId);
            }
            byte[] swap = current;
            current = next;
            next = swap;
            currentLength = nextLength;
        }
    }

    /**
     * The plaintext of a stored object, decrypted segment by segment as it is read. A segment's
     * bytes are released only after its tag is verified; an altered, truncated or extended object
     * fails with {@link EvidenceUnreadableException} at the first bad segment.
     */
    public InputStream decrypt(InputStream stored) throws IOException {
        Header header = Header.read(stored);
        SecretKey dataKey = new SecretKeySpec(unwrap(header), "AES");
        return new DecryptingInputStream(stored, dataKey, header.noncePrefix);
    }

    /** The id of the master key that wraps this object's data key. Reads only the header. */
    public String keyIdOf(InputStream stored) throws IOException {
        return Header.read(stored).keyId;
    }

    /**
     * Copies a stored object to {@code out} with its data key re-wrapped under the current master
     * key. The segments are copied byte for byte: the data key, and so the content's encryption,
     * does not change. Returns the new key id.
     */
    public String rewrap(InputStream stored, OutputStream out) throws IOException {
        Header old = Header.read(stored);
        byte[] dataKeyBytes = unwrap(old);
        Header rewrapped = wrap(dataKeyBytes, keyring.currentKeyId(), keyring.currentKey(), old.noncePrefix);
        Arrays.fill(dataKeyBytes, (byte) 0);
        out.write(rewrapped.encoded());
        stored.transferTo(out);
        return rewrapped.keyId;
    }

    private Header wrap(byte[] dataKey, String keyId, SecretKey masterKey, byte[] noncePrefix) {
        byte[] wrapNonce = randomBytes(NONCE_BYTES);
        try {
            Cipher cipher = gcm();
            cipher.init(Cipher.ENCRYPT_MODE, masterKey, new GCMParameterSpec(TAG_BYTES * 8, wrapNonce));
            cipher.updateAAD(Header.wrapAad(keyId));
            return new Header(keyId, wrapNonce, cipher.doFinal(dataKey), noncePrefix);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private byte[] unwrap(Header header) throws EvidenceUnreadableException {
        SecretKey masterKey = keyring.key(header.keyId).orElseThrow(() -> new EvidenceUnreadableException(
                "The evidence master key '" + header.keyId + "' is not configured"));
        try {
            Cipher cipher = gcm();
            cipher.init(Cipher.DECRYPT_MODE, masterKey, new GCMParameterSpec(TAG_BYTES * 8, header.wrapNonce));
            cipher.updateAAD(Header.wrapAad(header.keyId));
            return cipher.doFinal(header.wrappedKey);
        } catch (AEADBadTagException e) {
            throw new EvidenceUnreadableException("The data key does not unwrap under master key '" + header.keyId
                    + "': a different key under the same id, or an altered header", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static byte[] segmentNonce(byte[] prefix, int segment, boolean last) {
        return ByteBuffer.allocate(NONCE_BYTES).put(prefix).putInt(segment).put((byte) (last ? 1 : 0)).array();
    }

    private static Cipher gcm() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The header of an encrypted object; see the class comment for its layout. */
    private record Header(String keyId, byte[] wrapNonce, byte[] wrappedKey, byte[] noncePrefix) {

        /** The wrapped key is bound to the format and the key id, so neither can be swapped unnoticed. */
        static byte[] wrapAad(String keyId) {
            byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
            return ByteBuffer.allocate(MAGIC.length + 2 + id.length).put(MAGIC).put((byte) FORMAT_VERSION).put((byte) id.length).put(id).array();
        }

        byte[] encoded() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(wrapAad(keyId));
            out.writeBytes(wrapNonce);
            out.writeBytes(wrappedKey);
            out.writeBytes(noncePrefix);
            return out.toByteArray();
        }

        static Header read(InputStream in) throws IOException {
            byte[] start = readExactly(in, MAGIC.length + 2);
            if (!Arrays.equals(start, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
                throw new EvidenceUnreadableException("Not an encrypted evidence object");
            }
            if (start[MAGIC.length] != FORMAT_VERSION) {
                throw new EvidenceUnreadableException("Unknown evidence format version " + start[MAGIC.length]);
            }
            int keyIdLength = start[MAGIC.length + 1] & 0xFF;
            if (keyIdLength == 0 || keyIdLength > MAX_KEY_ID_BYTES) {
                throw new EvidenceUnreadableException("Evidence object header is damaged");
            }
            String keyId = new String(readExactly(in, keyIdLength), StandardCharsets.US_ASCII);
            return new Header(keyId, readExactly(in, NONCE_BYTES), readExactly(in, WRAPPED_KEY_BYTES), readExactly(in, NONCE_PREFIX_BYTES));
        }

        private static byte[] readExactly(InputStream in, int count) throws IOException {
            byte[] bytes = in.readNBytes(count);
            if (bytes.length < count) {
                throw new EvidenceUnreadableException("Evidence object header is truncated");
            }
            return bytes;
        }
    }

    /** Reads one sealed segment at a time, verifies and decrypts it, then hands out its bytes. */
    private static final class DecryptingInputStream extends InputStream {

        private final InputStream stored;
        private final SecretKey dataKey;
        private final byte[] noncePrefix;
        private final Cipher cipher = gcm();
        private final byte[] sealed = new byte[SEGMENT_SIZE + TAG_BYTES];
        private final byte[] plain = new byte[SEGMENT_SIZE];
        private int plainPosition;
        private int plainLength;
        private int segment;
        private boolean lastSegmentRead;
        /** The byte read to learn whether a full segment is the last one; -1 when none is held. */
        private int lookahead = -1;

        DecryptingInputStream(InputStream stored, SecretKey dataKey, byte[] noncePrefix) {
            this.stored = stored;
            this.dataKey = dataKey;
            this.noncePrefix = noncePrefix;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (plainPosition == plainLength) {
                if (lastSegmentRead) {
                    return -1;
                }
                openNextSegment();
            }
            int count = Math.min(length, plainLength - plainPosition);
            System.arraycopy(plain, plainPosition, buffer, offset, count);
            plainPosition += count;
            return count;
        }

        private void openNextSegment() throws IOException {
            int filled = 0;
            if (lookahead >= 0) {
                sealed[filled++] = (byte) lookahead;
                lookahead = -1;
            }
            filled += stored.readNBytes(sealed, filled, sealed.length - filled);
            boolean last = filled < sealed.length;
            if (!last) {
                lookahead = stored.read();
                last = lookahead == -1;
            }
            if (filled < TAG_BYTES) {
                throw new EvidenceUnreadableException("Evidence object is truncated");
            }
            try {
                cipher.init(Cipher.DECRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BYTES * 8, segmentNonce(noncePrefix, segment, last)));
                cipher.updateAAD(SEGMENT_AAD);
                plainLength = cipher.doFinal(sealed, 0, filled, plain, 0);
            } catch (AEADBadTagException e) {
                throw new EvidenceUnreadableException("Evidence object failed its integrity check at segment " + segment, e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM is not available", e);
            }
            plainPosition = 0;
            segment++;
            lastSegmentRead = last;
        }

        @Override
        public void close() throws IOException {
            stored.close();
        }
    }
}
