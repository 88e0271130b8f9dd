package com.recoverydesk.audit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The export with proofs (docs/compliance.md, "The export"): a header, the public keys, a
 * contiguous run of events with the stored checkpoints that name them, and a checkpoint signed
 * at export time over the last event and the SHA-256 of every line before it, so that no line
 * can be changed or dropped unseen.
 */
@ApplicationScoped
public class AuditExport {

    public static final String FORMAT = "recovery-desk.audit-export.v1";

    private static final String RANGE = "SELECT min(seq), max(seq) FROM audit_event WHERE occurred_at >= ? AND occurred_at < ?";
    private static final String EVENTS = "SELECT " + AuditEventRows.COLUMNS
            + " FROM audit_event WHERE seq >= ? AND seq <= ? ORDER BY seq";
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    // one generator per line: the stream is never closed or flushed by it, only by the export
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    private final DataSource dataSource;
    private final AuditTrail trail;
    private final CheckpointKeys keys;

    public AuditExport(DataSource dataSource, AuditTrail trail, CheckpointKeys keys) {
        this.dataSource = dataSource;
        this.trail = trail;
        this.keys = keys;
    }

    /** What an export will hold: every event from {@code firstSeq} to {@code lastSeq}, none left out. */
    public record Plan(Instant from, Instant to, long firstSeq, long lastSeq) {
    }

    /**
     * Fixes the run of events to export and records who exported it. The run is contiguous: it
     * spans from the first to the last event whose time lies in the window, so an event stamped
     * out of order by a replica's clock is included rather than leaving a hole.
     *
     * @return empty when no event lies in the window
     */
    @Transactional
    public Optional<Plan> plan(Instant from, Instant to, Actor exporter) {
        long first;
        long last;
        try (Connection connection = dataSource.getConnection(); PreparedStatement range = connection.prepareStatement(RANGE)) {
            range.setTimestamp(1, Timestamp.from(from != null ? from : EARLIEST));
            range.setTimestamp(2, Timestamp.from(to != null ? to : LATEST));
            try (ResultSet rs = range.executeQuery()) {
                rs.next();
                first = rs.getLong(1);
                if (rs.wasNull()) {
                    return Optional.empty();
                }
                last = rs.getLong(2);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("audit export could not read the trail", e);
        }
        Map<String, Object> details = new HashMap<>();
        details.put("from", from == null ? null : from.toString());
        details.put("to", to == null ? null : to.toString());
        details.put("firstSeq", first);
        details.put("lastSeq", last);
        trail.record(exporter, "audit.exported", null, details);
        return Optional.of(new Plan(from, to, first, last));
    }

    /** Writes the export of {@code plan} as JSON Lines, streaming from the database. */
    @Transactional
    public void write(Plan plan, OutputStream target) {
        MessageDigest sha256 = sha256();
        BufferedOutputStream buffered = new BufferedOutputStream(target, 64 * 1024);
        DigestOutputStream out = new DigestOutputStream(buffered, sha256);
        try {
            line(out, g -> {
                g.writeStringField("type", "header");
                g.writeStringField("format", FORMAT);
                g.writeStringField("exportedAt", AuditHash.formatTime(now()));
                g.writeStringField("from", plan.from() == null ? null : plan.from().toString());
                g.writeStringField("to", plan.to() == null ? null : plan.to().toString());
                g.writeNumberField("firstSeq", plan.firstSeq());
                g.writeNumberField("lastSeq", plan.lastSeq());
            });
            for (CheckpointKeys.PublicKeyView key : keys.publicKeys()) {
                line(out, g -> {
                    g.writeStringField("type", "key");
                    g.writeStringField("keyId", key.keyId());
                    g.writeStringField("algorithm", key.algorithm());
                    g.writeStringField("publicKey", key.publicKey());
                });
            }
            AuditEventView last = null;
            try (Connection connection = dataSource.getConnection(); PreparedStatement select = AuditEventRows.streaming(connection, EVENTS)) {
                Iterator<AuditVerifier.StoredCheckpoint> naming = AuditVerifier.readCheckpoints(connection).stream()
                        .filter(c -> c.seq() >= plan.firstSeq() && c.seq() <= plan.lastSeq())
                        .sorted(Comparator.comparingLong(AuditVerifier.StoredCheckpoint::seq)
                                .thenComparingLong(AuditVerifier.StoredCheckpoint::number))
                        .iterator();
                AuditVerifier.StoredCheckpoint pending = naming.hasNext() ? naming.next() : null;
                select.setLong(1, plan.firstSeq());
                select.setLong(2, plan.lastSeq());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        AuditEventView e = AuditEventRows.read(rs);
                        event(out, e);
                        while (pending != null && pending.seq() == e.seq()) {
                            checkpoint(out, pending);
                            pending = naming.hasNext() ? naming.next() : null;
                        }
                        last = e;
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("audit export could not read the trail", e);
            }
            if (last == null || last.seq() != plan.lastSeq()) {
                throw new IllegalStateException("audit export found fewer events than planned");
            }
            out.flush();
            String exportDigest = HexFormat.of().formatHex(sha256.digest());
            Instant signedAt = now();
            String keyId = keys.currentKeyId();
            String signature = Base64.getEncoder().encodeToString(
                    keys.sign(CheckpointPayload.export(last.seq(), last.hash(), signedAt, keyId, exportDigest)));
            AuditEventView closing = last;
            line(buffered, g -> {
                g.writeStringField("type", "export-checkpoint");
                g.writeNumberField("seq", closing.seq());
                g.writeStringField("hash", closing.hash());
                g.writeStringField("signedAt", AuditHash.formatTime(signedAt));
                g.writeStringField("keyId", keyId);
                g.writeStringField("exportDigest", exportDigest);
                g.writeStringField("signature", signature);
            });
            buffered.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("audit export could not be written", e);
        }
    }

    private static void event(OutputStream out, AuditEventView e) throws IOException {
        line(out, g -> {
            g.writeStringField("type", "event");
            g.writeNumberField("seq", e.seq());
            g.writeStringField("time", AuditHash.formatTime(e.time()));
            g.writeStringField("actor", e.actor());
            g.writeStringField("role", e.role());
            g.writeStringField("action", e.action());
            g.writeStringField("caseId", e.caseId());
            g.writeStringField("details", e.details());
            g.writeStringField("prevHash", e.prevHash());
            g.writeStringField("hash", e.hash());
        });
    }

    private static void checkpoint(OutputStream out, AuditVerifier.StoredCheckpoint c) throws IOException {
        line(out, g -> {
            g.writeStringField("type", "checkpoint");
            g.writeNumberField("number", c.number());
            g.writeNumberField("seq", c.seq());
            g.writeStringField("hash", c.hash());
            g.writeStringField("signedAt", AuditHash.formatTime(c.signedAt().toInstant()));
            g.writeStringField("keyId", c.keyId());
            g.writeStringField("signature", c.signature());
        });
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    /** One JSON object and a newline; the generator does not close the stream. */
    private static void line(OutputStream out, Fields fields) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        }
        out.write('\n');
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
