package com.recoverydesk.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.postgresql.PGStatement;

/**
 * Verifies the audit trail: every checkpoint's signature, then the chain in seq order, each
 * entry's seq following the previous one, its prevHash the previous entry's hash, its hash
 * matching its content, the entries the checkpoints name still carrying the hashes they signed,
 * and the last entry being the one the chain head names and no earlier than any checkpoint.
 * Rows are streamed, so memory stays flat however long the trail is.
 */
@ApplicationScoped
public class AuditVerifier {

    /*
     * One statement reads the head and the rows, so both come from the same snapshot: entries
     * appended while the walk runs are neither seen nor mistaken for tampering. The checkpoints
     * are read before it, so every entry they name is already there when the walk starts.
     */
    /*
     * The head rides on the first row only (the scalar subqueries are evaluated once either way):
     * carried on every row it was 70 bytes more per entry, 70 MB over a million entries.
     */
    private static final String WALK = "SELECT " + AuditEventRows.COLUMNS + ","
            + " CASE WHEN seq = (SELECT min(seq) FROM audit_event WHERE seq >= ?) THEN (SELECT last_seq FROM audit_chain_head WHERE id = 1) END AS head_seq,"
            + " CASE WHEN seq = (SELECT min(seq) FROM audit_event WHERE seq >= ?) THEN (SELECT last_hash FROM audit_chain_head WHERE id = 1) END AS head_hash"
            + " FROM audit_event WHERE seq >= ? ORDER BY seq";
    private static final String HEAD = "SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1";
    private static final String CHECKPOINTS = "SELECT checkpoint_no, chain_seq, chain_hash, signed_at, key_id, signature"
            + " FROM audit_checkpoint ORDER BY checkpoint_no";

    private final DataSource dataSource;
    private final CheckpointKeys keys;
    private final Map<Long, String> verifiedCheckpoints = new ConcurrentHashMap<>();

    public AuditVerifier(DataSource dataSource, CheckpointKeys keys) {
        this.dataSource = dataSource;
        this.keys = keys;
    }

    /** The chain as a checkpoint signs it: its last seq and hash, and whether the part walked was intact. */
    record Segment(AuditVerification verification, long headSeq, String headHash) {
    }

    /** Joins the caller's transaction when there is one, so it sees what that transaction sees. */
    @Transactional(Transactional.TxType.REQUIRED)
    public AuditVerification verify() {
        try (Connection connection = dataSource.getConnection()) {
            List<StoredCheckpoint> checkpoints = readCheckpoints(connection);
            long expectedNumber = 1;
            for (StoredCheckpoint c : checkpoints) {
                if (c.number() != expectedNumber) {
                    return AuditVerification.brokenCheckpoint(null, expectedNumber, 0, AuditProblem.CHECKPOINT_MISSING,
                            "Checkpoint " + expectedNumber + " is missing: the checkpoint numbers jump from "
                                    + (expectedNumber - 1) + " to " + c.number() + ".");
                }
                if (!signatureHolds(c)) {
                    return AuditVerification.brokenCheckpoint(null, c.number(), 0, AuditProblem.CHECKPOINT_FORGED,
                            "Checkpoint " + c.number() + "'s signature does not verify with the service's keys: it is forged or altered.");
                }
                expectedNumber++;
            }
            checkpoints.sort(Comparator.comparingLong(StoredCheckpoint::seq).thenComparingLong(StoredCheckpoint::number));
            Segment walked = walk(connection, 0, AuditHash.GENESIS, checkpoints);
            AuditVerification v = walked.verification();
            return v.valid() ? AuditVerification.intact(v.checked(), checkpoints.size()) : v;
        } catch (SQLException e) {
            throw new IllegalStateException("audit verification could not read the trail", e);
        }
    }

    /**
     * Walks the chain from the entry {@code fromSeq} (0: from the start), which must still carry
     * {@code fromHash}, to the head. Checkpoint signing calls it from the previous checkpoint so
     * that a checkpoint never vouches for a broken chain, at the cost of the entries since then only.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    Segment verifySince(long fromSeq, String fromHash, long checkpointNumber) {
        try (Connection connection = dataSource.getConnection()) {
            List<StoredCheckpoint> anchor = fromSeq == 0 ? List.of()
                    : List.of(new StoredCheckpoint(checkpointNumber, fromSeq, fromHash, null, null, null));
            return walk(connection, fromSeq, fromSeq == 0 ? AuditHash.GENESIS : null, anchor);
        } catch (SQLException e) {
            throw new IllegalStateException("audit verification could not read the trail", e);
        }
    }

    private boolean signatureHolds(StoredCheckpoint c) {
        // An Ed25519 verification costs milliseconds in the JDK, and a year of hourly checkpoints
        // is 8,760 of them: a row verified once is not verified again while it stays byte for byte
        // the same. The memory holds what was verified, so a changed row is checked afresh.
        String row = c.seq() + "|" + c.hash() + "|" + c.signedAt().toInstant() + "|" + c.keyId() + "|" + c.signature();
        if (row.equals(verifiedCheckpoints.get(c.number()))) {
            return true;
        }
        if (!verifySignature(c)) {
            return false;
        }
        verifiedCheckpoints.put(c.number(), row);
        return true;
    }

    private boolean verifySignature(StoredCheckpoint c) {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(c.signature());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return keys.verify(c.keyId(), CheckpointPayload.stored(c.number(), c.seq(), c.hash(), c.signedAt().toInstant(), c.keyId()), signature);
    }

    /**
     * @param fromSeq          the first seq to read (0 or 1: the whole chain)
     * @param expectedPrevHash what the first entry read must link to, or null when it is not known
     *                         (a segment starting at a checkpointed entry, whose hash the checkpoint pins instead)
     * @param checkpoints      sorted by seq; each named entry must carry the checkpoint's hash
     */
    private static Segment walk(Connection connection, long fromSeq, String expectedPrevHash,
                                List<StoredCheckpoint> checkpoints) throws SQLException {
        AuditHash hasher = new AuditHash();
        long firstSeq = Math.max(fromSeq, 1);
        long checked = firstSeq - 1; // entries before the segment count as vouched for by its anchor
        byte[] previousHash = expectedPrevHash == null ? null : ascii(expectedPrevHash);
        long headSeq = -1;
        String headHash = null;
        int next = 0;
        // checkpoints of the empty chain name the genesis hash, which cannot change
        while (next < checkpoints.size() && checkpoints.get(next).seq() == 0) {
            next++;
        }

        try (PreparedStatement walk = AuditEventRows.streaming(connection, WALK)) {
            walk.setLong(1, firstSeq);
            walk.setLong(2, firstSeq);
            walk.setLong(3, firstSeq);
            try (ResultSet rs = walk.executeQuery()) {
                // the texts are taken as the UTF-8 bytes the database sends, the form they are hashed in
                boolean rawText = walk.isWrapperFor(PGStatement.class);
                boolean first = true;
                while (rs.next()) {
                    if (first) {
                        headSeq = rs.getLong(10);
                        headHash = rs.getString(11);
                        first = false;
                    }
                    long seq = rs.getLong(1);
                    byte[] prevHash = text(rs, 8, rawText);
                    byte[] hash = text(rs, 9, rawText);
                    long expectedSeq = checked + 1;
                    if (seq != expectedSeq) {
                        return broken(AuditVerification.brokenAt(expectedSeq, checked, AuditProblem.ENTRY_MISSING,
                                "Entry " + expectedSeq + " is missing: the sequence jumps from " + checked + " to " + seq + "."));
                    }
                    if (seq > headSeq) {
                        return broken(AuditVerification.brokenAt(seq, checked, AuditProblem.ENTRY_UNEXPECTED,
                                "Entry " + seq + " lies beyond the chain head (" + headSeq + "): it was added behind the trail's back."));
                    }
                    if (previousHash != null && !Arrays.equals(prevHash, previousHash)) {
                        return broken(AuditVerification.brokenAt(seq, checked, AuditProblem.ENTRY_OUT_OF_ORDER,
                                "Entry " + seq + " does not link to entry " + checked
                                        + " before it: entries were swapped, inserted or removed."));
                    }
                    Instant time = rs.getObject(2, OffsetDateTime.class).toInstant();
                    if (!hasher.matches(seq, time, text(rs, 3, rawText), text(rs, 4, rawText), text(rs, 5, rawText),
                            text(rs, 6, rawText), text(rs, 7, rawText), prevHash, hash)) {
                        return broken(AuditVerification.brokenAt(seq, checked, AuditProblem.ENTRY_ALTERED,
                                "Entry " + seq + " does not match its hash: its content was changed."));
                    }
                    while (next < checkpoints.size() && checkpoints.get(next).seq() == seq) {
                        StoredCheckpoint c = checkpoints.get(next);
                        if (!Arrays.equals(ascii(c.hash()), hash)) {
                            return broken(AuditVerification.brokenCheckpoint(seq, c.number(), checked,
                                    AuditProblem.REWRITTEN_AFTER_CHECKPOINT,
                                    "Entry " + seq + " is not the one checkpoint " + c.number()
                                            + " signed: the chain was rewritten and rehashed after that checkpoint."));
                        }
                        next++;
                    }
                    previousHash = hash;
                    checked++;
                }
            }
        }

        if (headSeq < 0) {
            // no row carried the head along; an empty walk must end at the head
            try (PreparedStatement head = connection.prepareStatement(HEAD); ResultSet h = head.executeQuery()) {
                if (h.next()) {
                    headSeq = h.getLong(1);
                    headHash = h.getString(2);
                }
            }
        }
        if (next < checkpoints.size()) {
            StoredCheckpoint c = checkpoints.get(next);
            return broken(AuditVerification.brokenCheckpoint(checked + 1, c.number(), checked, AuditProblem.TRUNCATED,
                    "The chain ends at entry " + checked + ", but checkpoint " + c.number() + " names entry " + c.seq()
                            + ": the tail was removed."));
        }
        if (checked < headSeq) {
            return broken(AuditVerification.brokenAt(checked + 1, checked, AuditProblem.TRUNCATED,
                    "The chain ends at entry " + checked + ", but the chain head names entry " + headSeq + ": the tail was removed."));
        }
        String lastHash = previousHash != null ? new String(previousHash, StandardCharsets.UTF_8) : (checked == 0 ? AuditHash.GENESIS : null);
        if (headHash == null || !headHash.equals(lastHash)) {
            // the last entry was rewritten with a recomputed hash, or the head is gone
            return broken(AuditVerification.brokenAt(Math.max(checked, 1), Math.max(checked - 1, 0), AuditProblem.HEAD_MISMATCH,
                    "The last entry " + Math.max(checked, 1) + " is not the one the chain head names: it was rewritten."));
        }
        return new Segment(AuditVerification.intact(checked, 0), headSeq, headHash);
    }

    /**
     * A text column as UTF-8 bytes: PostgreSQL's driver hands out the bytes it received (UTF-8, the
     * client encoding it sets), another database's text is encoded here.
     */
    private static byte[] text(ResultSet rs, int column, boolean rawText) throws SQLException {
        if (rawText) {
            return rs.getBytes(column);
        }
        String value = rs.getString(column);
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String hex) {
        return hex == null ? null : hex.getBytes(StandardCharsets.UTF_8);
    }

    private static Segment broken(AuditVerification verification) {
        return new Segment(verification, -1, null);
    }

    public static List<StoredCheckpoint> readCheckpoints(Connection connection) throws SQLException {
        List<StoredCheckpoint> checkpoints = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(CHECKPOINTS); ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                checkpoints.add(new StoredCheckpoint(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getString(5), rs.getString(6)));
            }
        }
        return checkpoints;
    }

    /** A checkpoint row as read for verification, without going through the persistence context. */
    public record StoredCheckpoint(long number, long seq, String hash, OffsetDateTime signedAt, String keyId, String signature) {
    }
}
