package com.recoverydesk.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The service's own check of an export, built on its {@link AuditHash}, {@link CheckpointPayload}
 * and {@link CheckpointKeys}. The offline verifier (audit/offline/VerifyAuditExport) applies the
 * same rules with an implementation of its own; a test runs both on the same exports and
 * expects the same verdict, so that neither drifts from docs/compliance.md.
 */
public final class AuditExportVerifier {

    /** The fields each kind of line has, exactly. */
    static final Map<String, Set<String>> FIELDS = Map.of(
            "header", Set.of("type", "format", "exportedAt", "from", "to", "firstSeq", "lastSeq"),
            "key", Set.of("type", "keyId", "algorithm", "publicKey"),
            "event", Set.of("type", "seq", "time", "actor", "role", "action", "caseId", "details", "prevHash", "hash"),
            "checkpoint", Set.of("type", "number", "seq", "hash", "signedAt", "keyId", "signature"),
            "export-checkpoint", Set.of("type", "seq", "hash", "signedAt", "keyId", "exportDigest", "signature"));

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** {@code location}: null when valid, else {@code seq N}, {@code checkpoint N}, {@code export checkpoint} or {@code line N}. */
    public record ExportVerification(boolean valid, String location, String message, long firstSeq, long lastSeq, int checkpoints) {
    }

    private AuditExportVerifier() {
    }

    /**
     * @param trusted the public keys every signature must verify with, or null for the export's own
     */
    public static ExportVerification verify(InputStream in, List<PublicKey> trusted) throws IOException {
        return new Run(trusted).run(in.readAllBytes());
    }

    private static final class Run {
        final Map<String, PublicKey> trusted;
        final Map<String, PublicKey> keys = new HashMap<>();
        final AuditHash hasher = new AuditHash();
        int lineNo;
        long firstSeq;
        long headerLastSeq;
        boolean headerSeen;
        AuditEventView last;
        long lastCheckpoint;
        int checkpoints;
        Line exportCheckpoint;

        Run(List<PublicKey> trustedKeys) {
            if (trustedKeys == null) {
                trusted = null;
            } else {
                trusted = new HashMap<>();
                trustedKeys.forEach(k -> trusted.put(CheckpointKeys.keyId(k), k));
            }
        }

        ExportVerification run(byte[] export) {
            int start = 0;
            while (start < export.length) {
                int end = start;
                while (end < export.length && export[end] != '\n') {
                    end++;
                }
                lineNo++;
                if (exportCheckpoint != null) {
                    return fail("line " + lineNo, "nothing may follow the export checkpoint");
                }
                if (end == export.length) {
                    return fail("line " + lineNo, "the export does not end with a newline");
                }
                ExportVerification broken = line(export, start, end);
                if (broken != null) {
                    return broken;
                }
                if (exportCheckpoint != null) {
                    exportCheckpoint.digestUpTo = start;
                }
                start = end + 1;
            }
            return finish(export);
        }

        ExportVerification line(byte[] export, int start, int end) {
            Line o;
            try {
                o = Line.parse(Arrays.copyOfRange(export, start, end));
            } catch (IOException | IllegalArgumentException e) {
                return fail("line " + lineNo, "not a JSON object of the export format");
            }
            Set<String> fields = o.type() == null ? null : FIELDS.get(o.type());
            if (fields == null) {
                return fail("line " + lineNo, "unknown kind of line");
            }
            if (!o.values.keySet().equals(fields)) {
                return fail("line " + lineNo, "the fields of a " + o.type() + " line are " + fields);
            }
            if (lineNo == 1 && !o.type().equals("header")) {
                return fail("line 1", "the export does not start with its header");
            }
            try {
                return switch (o.type()) {
                    case "header" -> header(o);
                    case "key" -> key(o);
                    case "event" -> event(o);
                    case "checkpoint" -> checkpoint(o);
                    default -> {
                        exportCheckpoint = o;
                        o.lineNo = lineNo;
                        yield null;
                    }
                };
            } catch (ClassCastException | NullPointerException wrongType) {
                return fail("line " + lineNo, "a field of the wrong type");
            }
        }

        ExportVerification header(Line o) {
            if (lineNo != 1) {
                return fail("line " + lineNo, "a second header");
            }
            o.str("exportedAt");
            o.optStr("from");
            o.optStr("to");
            long first = o.num("firstSeq");
            long lastSeq = o.num("lastSeq");
            if (!AuditExport.FORMAT.equals(o.str("format"))) {
                return fail("line 1", "not the format " + AuditExport.FORMAT);
            }
            if (first < 1 || lastSeq < first) {
                return fail("line 1", "firstSeq and lastSeq do not make a range");
            }
            firstSeq = first;
            headerLastSeq = lastSeq;
            headerSeen = true;
            return null;
        }

        ExportVerification key(Line o) {
            String id = o.str("keyId");
            String algorithm = o.str("algorithm");
            String encoded = o.str("publicKey");
            if (last != null) {
                return fail("line " + lineNo, "keys come before the events");
            }
            if (!algorithm.equals(CheckpointKeys.ALGORITHM)) {
                return fail("line " + lineNo, "not an Ed25519 key");
            }
            PublicKey key;
            try {
                Base64.getDecoder().decode(encoded);
                key = CheckpointKeys.publicKey(encoded);
            } catch (IllegalArgumentException e) {
                return fail("line " + lineNo, "publicKey is not an Ed25519 key in base64 X.509");
            }
            if (!id.equals(CheckpointKeys.keyId(key))) {
                return fail("line " + lineNo, "keyId is not derived from its key");
            }
            if (keys.putIfAbsent(id, key) != null) {
                return fail("line " + lineNo, "the key " + id + " appears twice");
            }
            return null;
        }

        ExportVerification event(Line o) {
            AuditEventView e = new AuditEventView(o.num("seq"), null, o.str("actor"), o.str("role"), o.str("action"),
                    o.optStr("caseId"), o.str("details"), o.str("prevHash"), o.str("hash"));
            String time = o.str("time");
            if (keys.isEmpty()) {
                return fail("line " + lineNo, "no key before the first event");
            }
            long expected = last != null ? last.seq() + 1 : firstSeq;
            if (e.seq() != expected) {
                return fail("seq " + expected, "entry " + expected + " is missing (the next line holds entry " + e.seq() + ")");
            }
            Instant parsed = canonicalTime(time);
            if (parsed == null) {
                return fail("seq " + e.seq(), "the time is not in the canonical form");
            }
            if (last != null ? !e.prevHash().equals(last.hash()) : e.seq() == 1 && !e.prevHash().equals(AuditHash.GENESIS)) {
                return fail("seq " + e.seq(), "entry " + e.seq() + " does not link to the entry before it");
            }
            String recomputed = hasher.hash(e.seq(), parsed, e.actor(), e.role(), e.action(), e.caseId(), e.details(), e.prevHash());
            if (!recomputed.equals(e.hash())) {
                return fail("seq " + e.seq(), "entry " + e.seq() + " does not match its hash");
            }
            last = e;
            return null;
        }

        ExportVerification checkpoint(Line o) {
            long number = o.num("number");
            long seq = o.num("seq");
            String hash = o.str("hash");
            String signedAt = o.str("signedAt");
            String keyId = o.str("keyId");
            String signature = o.str("signature");
            String where = "checkpoint " + number;
            if (last == null || seq != last.seq()) {
                return fail(where, "it does not follow the entry it names");
            }
            if (number <= lastCheckpoint) {
                return fail(where, "checkpoints out of order");
            }
            ExportVerification keyProblem = usableKey(where, keyId);
            if (keyProblem != null) {
                return keyProblem;
            }
            if (!hash.equals(last.hash())) {
                return fail(where, "entry " + seq + " is not the one checkpoint " + number + " signed");
            }
            Instant time = canonicalTime(signedAt);
            if (time == null || !signatureHolds(keyId, CheckpointPayload.stored(number, seq, hash, time, keyId), signature)) {
                return fail(where, "the signature does not verify");
            }
            lastCheckpoint = number;
            checkpoints++;
            return null;
        }

        ExportVerification finish(byte[] export) {
            if (lineNo == 0) {
                return fail("line 1", "the export is empty");
            }
            if (exportCheckpoint == null) {
                return fail("line " + lineNo, "the export does not end with its export checkpoint");
            }
            Line o = exportCheckpoint;
            String where = "export checkpoint";
            long seq;
            String hash;
            String signedAt;
            String keyId;
            String exportDigest;
            String signature;
            try {
                seq = o.num("seq");
                hash = o.str("hash");
                signedAt = o.str("signedAt");
                keyId = o.str("keyId");
                exportDigest = o.str("exportDigest");
                signature = o.str("signature");
            } catch (ClassCastException | NullPointerException wrongType) {
                return fail("line " + o.lineNo, "a field of the wrong type");
            }
            if (last == null) {
                return fail(where, "the export holds no entries");
            }
            if (seq != last.seq() || last.seq() != headerLastSeq) {
                return fail(where, "the export ends at entry " + last.seq() + " but names entry "
                        + (seq != last.seq() ? seq : headerLastSeq) + " as its last: lines were dropped");
            }
            ExportVerification keyProblem = usableKey(where, keyId);
            if (keyProblem != null) {
                return keyProblem;
            }
            if (!hash.equals(last.hash())) {
                return fail(where, "entry " + seq + " is not the one the export checkpoint signed");
            }
            if (!exportDigest.equals(sha256Hex(export, o.digestUpTo))) {
                return fail(where, "the lines before it are not the ones it signed: changed or dropped");
            }
            Instant time = canonicalTime(signedAt);
            if (time == null || !signatureHolds(keyId, CheckpointPayload.export(seq, hash, time, keyId, exportDigest), signature)) {
                return fail(where, "the signature does not verify");
            }
            return new ExportVerification(true, null, null, firstSeq, last.seq(), checkpoints);
        }

        ExportVerification usableKey(String where, String keyId) {
            if (!keys.containsKey(keyId)) {
                return fail(where, "signed with a key the export does not carry");
            }
            if (trusted != null && !trusted.containsKey(keyId)) {
                return fail(where, "not signed with the given public key");
            }
            return null;
        }

        boolean signatureHolds(String keyId, byte[] payload, String signatureBase64) {
            byte[] signature;
            try {
                signature = Base64.getDecoder().decode(signatureBase64);
            } catch (IllegalArgumentException e) {
                return false;
            }
            PublicKey key = trusted != null ? trusted.get(keyId) : keys.get(keyId);
            return CheckpointKeys.verifyWith(key, payload, signature);
        }

        ExportVerification fail(String location, String message) {
            return new ExportVerification(false, location, message, firstSeq, last == null ? 0 : last.seq(), checkpoints);
        }
    }

    /** The instant of a canonical time text, or null when the text is not canonical. */
    private static Instant canonicalTime(String text) {
        try {
            Instant t = Instant.parse(text);
            return t.getNano() % 1000 == 0 && AuditHash.formatTime(t).equals(text) ? t : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String sha256Hex(byte[] bytes, int length) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(bytes, 0, length);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line as strings, longs and nulls; anything else is refused as malformed. */
    private static final class Line {
        final Map<String, Object> values = new HashMap<>();
        int lineNo;
        int digestUpTo;

        static Line parse(byte[] bytes) throws IOException {
            JsonNode node;
            try (JsonParser p = STRICT.createParser(bytes)) {
                node = STRICT.readTree(p);
            }
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not an object");
            }
            Line line = new Line();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode v = f.getValue();
                if (v.isTextual()) {
                    line.values.put(f.getKey(), v.textValue());
                } else if (v.isNull()) {
                    line.values.put(f.getKey(), null);
                } else if (v.isIntegralNumber() && v.canConvertToLong()) {
                    line.values.put(f.getKey(), v.longValue());
                } else {
                    throw new IllegalArgumentException("a value that is not a string, integer or null");
                }
            }
            return line;
        }

        String type() {
            return values.get("type") instanceof String s ? s : null;
        }

        String str(String name) {
            return (String) java.util.Objects.requireNonNull(values.get(name));
        }

        String optStr(String name) {
            return (String) values.get(name);
        }

        long num(String name) {
            return (Long) java.util.Objects.requireNonNull(values.get(name));
        }
    }

    static List<PublicKey> publicKeys(List<CheckpointKeys.PublicKeyView> views) {
        List<PublicKey> keys = new ArrayList<>();
        views.forEach(v -> keys.add(CheckpointKeys.publicKey(v.publicKey())));
        return keys;
    }
}
