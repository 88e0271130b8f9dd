package com.recoverydesk.audit.offline;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies an export of the Recovery Desk audit trail offline, with nothing but a JDK (17 or
 * later). Run it as
 *
 * <pre>java VerifyAuditExport.java EXPORT.jsonl [PUBLIC_KEY]</pre>
 *
 * PUBLIC_KEY is a file of PEM public keys ({@code GET /api/v1/audit/public-key} with
 * {@code Accept: application/x-pem-file}) or one base64 X.509 key; without it, the keys the
 * export carries are used, which shows the export is intact but not who signed it.
 * Exit code 0 and a one-line summary when the export verifies; 1 and the first broken entry
 * ("seq N"), checkpoint ("checkpoint N", "export checkpoint") or line ("line N") when it does
 * not; 2 when it cannot be read.
 *
 * <p>This file deliberately shares no code with the service: it re-implements the canonical
 * encoding from its description in docs/compliance.md, so that the two implementations check
 * each other (a test runs both on the same exports).
 */
public final class VerifyAuditExport {

    static final String FORMAT = "recovery-desk.audit-export.v1";
    static final String EVENT_TAG = "recovery-desk.audit.v1";
    static final String CHECKPOINT_TAG = "recovery-desk.audit.checkpoint.v1";
    static final String EXPORT_CHECKPOINT_TAG = "recovery-desk.audit.export-checkpoint.v1";
    static final String GENESIS = "0".repeat(64);

    /** The fields each kind of line has, exactly. */
    static final Map<String, Set<String>> FIELDS = Map.of(
            "header", Set.of("type", "format", "exportedAt", "from", "to", "firstSeq", "lastSeq"),
            "key", Set.of("type", "keyId", "algorithm", "publicKey"),
            "event", Set.of("type", "seq", "time", "actor", "role", "action", "caseId", "details", "prevHash", "hash"),
            "checkpoint", Set.of("type", "number", "seq", "hash", "signedAt", "keyId", "signature"),
            "export-checkpoint", Set.of("type", "seq", "hash", "signedAt", "keyId", "exportDigest", "signature"));

    /**
     * The verdict. {@code location} is null when valid, else where the export first breaks:
     * {@code seq N}, {@code checkpoint N}, {@code export checkpoint} or {@code line N}.
     */
    public record Result(boolean valid, String location, String message, long firstSeq, long lastSeq,
                         int checkpoints, boolean trustedKeys) {

        public String summary() {
            if (!valid) {
                return "BROKEN at " + location + ": " + message;
            }
            return "VALID: entries " + firstSeq + ".." + lastSeq + " (" + (lastSeq - firstSeq + 1) + "), "
                    + checkpoints + " stored checkpoint" + (checkpoints == 1 ? "" : "s") + " and the export checkpoint verified"
                    + (trustedKeys ? " with the given public key" : "; keys taken from the export itself (give PUBLIC_KEY to check who signed)");
        }
    }

    private VerifyAuditExport() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: java VerifyAuditExport.java EXPORT.jsonl [PUBLIC_KEY]");
            System.exit(2);
        }
        Result result;
        try {
            List<PublicKey> trusted = args.length == 2 ? readTrustedKeys(args[1]) : null;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(args[0])), 1 << 16)) {
                result = verify(in, trusted);
            }
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("cannot read: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(result.summary());
        System.exit(result.valid() ? 0 : 1);
    }

    /** A file of PEM "PUBLIC KEY" blocks or base64 lines, or the argument itself as base64. */
    static List<PublicKey> readTrustedKeys(String argument) throws IOException {
        Path file = Path.of(argument);
        String text = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.US_ASCII) : argument;
        List<PublicKey> keys = new ArrayList<>();
        String begin = "-----BEGIN PUBLIC KEY-----";
        String end = "-----END PUBLIC KEY-----";
        if (text.contains(begin)) {
            int at = 0;
            while ((at = text.indexOf(begin, at)) >= 0) {
                int stop = text.indexOf(end, at);
                if (stop < 0) {
                    throw new IllegalArgumentException("unterminated PEM block in " + argument);
                }
                keys.add(ed25519(Base64.getMimeDecoder().decode(text.substring(at + begin.length(), stop))));
                at = stop + end.length();
            }
        } else {
            for (String line : text.split("\\s+")) {
                if (!line.isEmpty()) {
                    keys.add(ed25519(Base64.getDecoder().decode(line)));
                }
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no public key in " + argument);
        }
        return keys;
    }

    /**
     * Verifies an export read from {@code in}.
     *
     * @param trusted the keys every checkpoint must be signed with, or null to take the export's own
     */
    public static Result verify(InputStream in, List<PublicKey> trusted) throws IOException {
        return new Check(trusted).run(in);
    }

    /** One verification run; the rules are listed, in this order, in docs/compliance.md. */
    private static final class Check {
        final Map<String, PublicKey> trustedById;
        final Map<String, PublicKey> keys = new HashMap<>();
        final MessageDigest digest = sha256();
        final MessageDigest eventDigest = sha256(); // reused: one per entry would cost a provider look-up each
        long lineNo;
        Map<String, Object> header;
        boolean seenEvent;
        long lastSeq;
        String lastHash;
        long lastCheckpoint;
        int checkpoints;
        Map<String, Object> exportCheckpoint;

        Check(List<PublicKey> trusted) {
            if (trusted == null) {
                trustedById = null;
            } else {
                trustedById = new HashMap<>();
                trusted.forEach(k -> trustedById.put(keyId(k.getEncoded()), k));
            }
        }

        Result run(InputStream in) throws IOException {
            byte[] chunk = new byte[1 << 16];
            ByteArrayOutputStream partial = new ByteArrayOutputStream(1024); // a line split across chunks
            byte[] previous = null; // digested once the next line shows it was not the last
            int n;
            while ((n = in.read(chunk)) != -1) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] != '\n') {
                        continue;
                    }
                    partial.write(chunk, start, i + 1 - start);
                    start = i + 1;
                    byte[] bytes = partial.toByteArray();
                    partial.reset();
                    if (previous != null) {
                        digest.update(previous);
                    }
                    previous = bytes;
                    lineNo++;
                    Result broken = line(bytes, bytes.length - 1);
                    if (broken != null) {
                        return broken;
                    }
                }
                partial.write(chunk, start, n - start);
            }
            if (partial.size() > 0) {
                lineNo++;
                if (exportCheckpoint != null) {
                    return fail("line " + lineNo, "nothing may follow the export checkpoint");
                }
                return fail("line " + lineNo, "the export does not end with a newline");
            }
            return finish();
        }

        Result line(byte[] bytes, int length) {
            if (exportCheckpoint != null) {
                return fail("line " + lineNo, "nothing may follow the export checkpoint");
            }
            Map<String, Object> o;
            try {
                o = new Json(utf8(bytes, length)).object();
            } catch (IllegalArgumentException e) {
                return fail("line " + lineNo, "not a JSON object of the export format (" + e.getMessage() + ")");
            }
            Object type = o.get("type");
            Set<String> fields = type instanceof String ? FIELDS.get(type) : null;
            if (fields == null) {
                return fail("line " + lineNo, "unknown kind of line");
            }
            if (!o.keySet().equals(fields)) {
                return fail("line " + lineNo, "the fields of a " + type + " line are " + fields);
            }
            if (lineNo == 1 && !type.equals("header")) {
                return fail("line 1", "the export does not start with its header");
            }
            try {
                switch ((String) type) {
                    case "header":
                        return header(o);
                    case "key":
                        return key(o);
                    case "event":
                        return event(o);
                    case "checkpoint":
                        return checkpoint(o);
                    default:
                        exportCheckpoint = o;
                        exportCheckpoint.put("line", lineNo);
                        return null;
                }
            } catch (ClassCastException | NullPointerException wrongType) {
                return fail("line " + lineNo, "a field of the wrong type");
            }
        }

        Result header(Map<String, Object> o) {
            if (lineNo != 1) {
                return fail("line " + lineNo, "a second header");
            }
            str(o, "exportedAt");
            optStr(o, "from");
            optStr(o, "to");
            long first = num(o, "firstSeq");
            long last = num(o, "lastSeq");
            if (!FORMAT.equals(str(o, "format"))) {
                return fail("line 1", "not the format " + FORMAT);
            }
            if (first < 1 || last < first) {
                return fail("line 1", "firstSeq and lastSeq do not make a range");
            }
            header = o;
            return null;
        }

        Result key(Map<String, Object> o) {
            String id = str(o, "keyId");
            String algorithm = str(o, "algorithm");
            String encoded = str(o, "publicKey");
            if (seenEvent) {
                return fail("line " + lineNo, "keys come before the events");
            }
            if (!algorithm.equals("Ed25519")) {
                return fail("line " + lineNo, "not an Ed25519 key");
            }
            PublicKey key;
            byte[] der;
            try {
                der = Base64.getDecoder().decode(encoded);
                key = ed25519(der);
            } catch (IllegalArgumentException e) {
                return fail("line " + lineNo, "publicKey is not an Ed25519 key in base64 X.509");
            }
            if (!id.equals(keyId(der))) {
                return fail("line " + lineNo, "keyId is not derived from its key");
            }
            if (keys.putIfAbsent(id, key) != null) {
                return fail("line " + lineNo, "the key " + id + " appears twice");
            }
            return null;
        }

        Result event(Map<String, Object> o) {
            long seq = num(o, "seq");
            String time = str(o, "time");
            String actor = str(o, "actor");
            String role = str(o, "role");
            String action = str(o, "action");
            String caseId = optStr(o, "caseId");
            String details = str(o, "details");
            String prevHash = str(o, "prevHash");
            String hash = str(o, "hash");
            if (keys.isEmpty()) {
                return fail("line " + lineNo, "no key before the first event");
            }
            long expected = seenEvent ? lastSeq + 1 : (long) header.get("firstSeq");
            if (seq != expected) {
                return fail("seq " + expected, "entry " + expected + " is missing (the next line holds entry " + seq + ")");
            }
            if (!isCanonicalTime(time)) {
                return fail("seq " + seq, "the time is not in the canonical form");
            }
            if (seenEvent ? !prevHash.equals(lastHash) : seq == 1 && !prevHash.equals(GENESIS)) {
                return fail("seq " + seq, "entry " + seq + " does not link to the entry before it");
            }
            String recomputed = hex(eventDigest.digest(fields(EVENT_TAG, Long.toString(seq), time, actor, role, action, caseId, details, prevHash)));
            if (!recomputed.equals(hash)) {
                return fail("seq " + seq, "entry " + seq + " does not match its hash");
            }
            seenEvent = true;
            lastSeq = seq;
            lastHash = hash;
            return null;
        }

        Result checkpoint(Map<String, Object> o) {
            long number = num(o, "number");
            long seq = num(o, "seq");
            String hash = str(o, "hash");
            String signedAt = str(o, "signedAt");
            String keyId = str(o, "keyId");
            String signature = str(o, "signature");
            String where = "checkpoint " + number;
            if (!seenEvent || seq != lastSeq) {
                return fail(where, "it does not follow the entry it names");
            }
            if (number <= lastCheckpoint) {
                return fail(where, "checkpoints out of order");
            }
            Result keyProblem = usableKey(where, keyId);
            if (keyProblem != null) {
                return keyProblem;
            }
            if (!hash.equals(lastHash)) {
                return fail(where, "entry " + seq + " is not the one checkpoint " + number + " signed");
            }
            if (!isCanonicalTime(signedAt)
                    || !verifySignature(keyId, fields(CHECKPOINT_TAG, Long.toString(number), Long.toString(seq), hash, signedAt, keyId), signature)) {
                return fail(where, "the signature does not verify");
            }
            lastCheckpoint = number;
            checkpoints++;
            return null;
        }

        Result finish() {
            if (lineNo == 0) {
                return fail("line 1", "the export is empty");
            }
            if (exportCheckpoint == null) {
                return fail("line " + lineNo, "the export does not end with its export checkpoint");
            }
            String where = "export checkpoint";
            Map<String, Object> o = exportCheckpoint;
            long seq;
            String hash;
            String signedAt;
            String keyId;
            String exportDigest;
            String signature;
            try {
                seq = num(o, "seq");
                hash = str(o, "hash");
                signedAt = str(o, "signedAt");
                keyId = str(o, "keyId");
                exportDigest = str(o, "exportDigest");
                signature = str(o, "signature");
            } catch (ClassCastException | NullPointerException wrongType) {
                return fail("line " + o.get("line"), "a field of the wrong type");
            }
            if (!seenEvent) {
                return fail(where, "the export holds no entries");
            }
            long headerLast = (long) header.get("lastSeq");
            if (seq != lastSeq || lastSeq != headerLast) {
                return fail(where, "the export ends at entry " + lastSeq + " but names entry " + (seq != lastSeq ? seq : headerLast)
                        + " as its last: lines were dropped");
            }
            Result keyProblem = usableKey(where, keyId);
            if (keyProblem != null) {
                return keyProblem;
            }
            if (!hash.equals(lastHash)) {
                return fail(where, "entry " + seq + " is not the one the export checkpoint signed");
            }
            if (!exportDigest.equals(hex(digest.digest()))) {
                return fail(where, "the lines before it are not the ones it signed: changed or dropped");
            }
            if (!isCanonicalTime(signedAt)
                    || !verifySignature(keyId, fields(EXPORT_CHECKPOINT_TAG, Long.toString(seq), hash, signedAt, keyId, exportDigest), signature)) {
                return fail(where, "the signature does not verify");
            }
            return new Result(true, null, null, (long) header.get("firstSeq"), lastSeq, checkpoints, trustedById != null);
        }

        Result usableKey(String where, String keyId) {
            if (!keys.containsKey(keyId)) {
                return fail(where, "signed with a key the export does not carry");
            }
            if (trustedById != null && !trustedById.containsKey(keyId)) {
                return fail(where, "not signed with the given public key");
            }
            return null;
        }

        boolean verifySignature(String keyId, byte[] message, String signatureBase64) {
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(trustedById != null ? trustedById.get(keyId) : keys.get(keyId));
                verifier.update(message);
                return verifier.verify(Base64.getDecoder().decode(signatureBase64));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }

        Result fail(String location, String message) {
            long first = header == null ? 0 : (long) header.get("firstSeq");
            return new Result(false, location, message, first, lastSeq, checkpoints, trustedById != null);
        }
    }

    // ---- the canonical encoding --------------------------------------------------------

    /**
     * Each field as a 4-byte big-endian length and its UTF-8 bytes; null (an absent case id) as FF FF FF FF.
     * Written into one array, so that an entry is hashed in one call (this runs once per line).
     */
    static byte[] fields(String... values) {
        byte[][] encoded = new byte[values.length][];
        int size = 0;
        for (int v = 0; v < values.length; v++) {
            encoded[v] = values[v] == null ? null : values[v].getBytes(StandardCharsets.UTF_8);
            size += 4 + (encoded[v] == null ? 0 : encoded[v].length);
        }
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] bytes : encoded) {
            int n = bytes == null ? -1 : bytes.length; // -1 is FF FF FF FF
            out[at] = (byte) (n >>> 24);
            out[at + 1] = (byte) (n >>> 16);
            out[at + 2] = (byte) (n >>> 8);
            out[at + 3] = (byte) n;
            at += 4;
            if (bytes != null) {
                System.arraycopy(bytes, 0, out, at, bytes.length);
                at += bytes.length;
            }
        }
        return out;
    }

    /** The canonical time, yyyy-MM-ddTHH:mm:ss.ffffffZ, checked digit by digit (no pattern matcher per line). */
    static boolean isCanonicalTime(String t) {
        if (t.length() != 27) {
            return false;
        }
        for (int i = 0; i < 27; i++) {
            char c = t.charAt(i);
            char expected = "####-##-##T##:##:##.######Z".charAt(i);
            if (expected == '#' ? c < '0' || c > '9' : c != expected) {
                return false;
            }
        }
        return true;
    }

    static String keyId(byte[] x509) {
        return hex(sha256(x509)).substring(0, 16);
    }

    static PublicKey ed25519(byte[] x509) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = "0123456789abcdef".charAt((bytes[i] >> 4) & 0xF);
            out[2 * i + 1] = "0123456789abcdef".charAt(bytes[i] & 0xF);
        }
        return new String(out);
    }

    private static final ThreadLocal<CharsetDecoder> UTF8 = ThreadLocal.withInitial(() -> StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));

    static String utf8(byte[] bytes, int length) {
        // nearly every line is ASCII, which needs no decoder; any other byte goes through the strict one
        boolean ascii = true;
        for (int i = 0; i < length && ascii; i++) {
            ascii = bytes[i] >= 0;
        }
        if (ascii) {
            return new String(bytes, 0, length, StandardCharsets.US_ASCII);
        }
        CharsetDecoder decoder = UTF8.get().reset();
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, 0, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8");
        }
    }

    static String str(Map<String, Object> o, String name) {
        return (String) java.util.Objects.requireNonNull(o.get(name));
    }

    static String optStr(Map<String, Object> o, String name) {
        return (String) o.get(name);
    }

    static long num(Map<String, Object> o, String name) {
        return (Long) java.util.Objects.requireNonNull(o.get(name));
    }

    // ---- a strict reader for the one JSON shape the export uses --------------------------

    /**
     * One flat JSON object per line (RFC 8259): values are strings, integers or null. Anything
     * else (nesting, fractions, duplicate names, trailing text) is refused.
     */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Map<String, Object> object() {
            Map<String, Object> o = new LinkedHashMap<>();
            space();
            expect('{');
            space();
            if (peek() == '}') {
                i++;
            } else {
                while (true) {
                    space();
                    String name = string();
                    space();
                    expect(':');
                    space();
                    if (o.containsKey(name)) {
                        throw new IllegalArgumentException("duplicate name");
                    }
                    o.put(name, value());
                    space();
                    char c = next();
                    if (c == '}') {
                        break;
                    }
                    if (c != ',') {
                        throw new IllegalArgumentException("',' or '}' expected");
                    }
                }
            }
            space();
            if (i != s.length()) {
                throw new IllegalArgumentException("text after the object");
            }
            return o;
        }

        private Object value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (c == 'n') {
                if (!s.startsWith("null", i)) {
                    throw new IllegalArgumentException("bad literal");
                }
                i += 4;
                return null;
            }
            if (c == '-' || c >= '0' && c <= '9') {
                return integer();
            }
            throw new IllegalArgumentException("a string, integer or null expected");
        }

        private Long integer() {
            int start = i;
            if (peek() == '-') {
                i++;
            }
            int digits = i;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            if (i == digits || s.charAt(digits) == '0' && i - digits > 1) {
                throw new IllegalArgumentException("bad number");
            }
            if (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                throw new IllegalArgumentException("not an integer");
            }
            try {
                return Long.parseLong(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("number out of range");
            }
        }

        private String string() {
            expect('"');
            // copied in runs between escapes: most strings have none, and a character at a time was
            // two thirds of the whole verification
            StringBuilder out = null;
            int run = i;
            while (true) {
                char c = peek();
                if (c == '"') {
                    i++;
                    return out == null ? s.substring(run, i - 1) : out.append(s, run, i - 1).toString();
                }
                if (c < 0x20) {
                    throw new IllegalArgumentException("control character in a string");
                }
                if (c != '\\') {
                    i++;
                    continue;
                }
                if (out == null) {
                    out = new StringBuilder(s.length() - run);
                }
                out.append(s, run, i);
                i++;
                char e = next();
                switch (e) {
                    case '"': out.append('"'); break;
                    case '\\': out.append('\\'); break;
                    case '/': out.append('/'); break;
                    case 'b': out.append('\b'); break;
                    case 'f': out.append('\f'); break;
                    case 'n': out.append('\n'); break;
                    case 'r': out.append('\r'); break;
                    case 't': out.append('\t'); break;
                    case 'u':
                        if (i + 4 > s.length()) {
                            throw new IllegalArgumentException("bad escape");
                        }
                        int code = 0;
                        for (int k = 0; k < 4; k++) {
                            int d = Character.digit(s.charAt(i + k), 16);
                            if (d < 0) {
                                throw new IllegalArgumentException("bad escape");
                            }
                            code = code * 16 + d;
                        }
                        i += 4;
                        out.append((char) code);
                        break;
                    default:
                        throw new IllegalArgumentException("bad escape");
                }
                run = i;
            }
        }

        private void space() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\r' || s.charAt(i) == '\n')) {
                i++;
            }
        }

        private char peek() {
            if (i >= s.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            return s.charAt(i);
        }

        private char next() {
            char c = peek();
            i++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw new IllegalArgumentException("'" + c + "' expected");
            }
        }
    }
}
