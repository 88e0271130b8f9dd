package com.recoverydesk.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Walks the audit chain in seq order and recomputes every link: each entry's seq follows the
 * previous one, its prevHash is the previous entry's hash, its hash matches its content, and
 * the last entry is the one the chain head names. Rows are streamed, so memory stays flat
 * however long the trail is.
 */
@ApplicationScoped
public class AuditVerifier {

    /*
     * One statement reads the head and the rows, so both come from the same snapshot: entries
     * appended while the walk runs are neither seen nor mistaken for tampering.
     */
    private static final String WALK = "SELECT " + AuditEventRows.COLUMNS + ","
            + " (SELECT last_seq FROM audit_chain_head WHERE id = 1) AS head_seq,"
            + " (SELECT last_hash FROM audit_chain_head WHERE id = 1) AS head_hash"
            + " FROM audit_event ORDER BY seq";
    private static final String HEAD = "SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1";

    private final DataSource dataSource;

    public AuditVerifier(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Joins the caller's transaction when there is one, so it sees what that transaction sees. */
    @Transactional(Transactional.TxType.REQUIRED)
    public AuditVerification verify() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement walk = connection.prepareStatement(WALK)) {
            walk.setFetchSize(AuditEventRows.FETCH_SIZE);
            try (ResultSet rs = walk.executeQuery()) {
                return walk(rs, connection);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("audit verification could not read the trail", e);
        }
    }

    private static AuditVerification walk(ResultSet rs, Connection connection) throws SQLException {
        AuditHash hasher = new AuditHash();
        long checked = 0;
        String previousHash = AuditHash.GENESIS;
        long headSeq = -1;
        String headHash = null;

        while (rs.next()) {
            if (checked == 0) {
                headSeq = rs.getLong(10);
                headHash = rs.getString(11);
            }
            AuditEventView e = AuditEventRows.read(rs);
            long expectedSeq = checked + 1;
            if (e.seq() != expectedSeq) {
                return AuditVerification.brokenAt(expectedSeq, checked); // an entry is missing
            }
            if (e.seq() > headSeq) {
                return AuditVerification.brokenAt(e.seq(), checked); // added behind the head's back
            }
            String recomputed = hasher.hash(e.seq(), e.time(), e.actor(), e.role(), e.action(),
                    e.caseId(), e.details(), e.prevHash());
            if (!e.prevHash().equals(previousHash) || !recomputed.equals(e.hash())) {
                return AuditVerification.brokenAt(e.seq(), checked);
            }
            previousHash = e.hash();
            checked++;
        }

        if (checked == 0) {
            // no row carried the head along; an empty trail must have an empty head
            try (PreparedStatement head = connection.prepareStatement(HEAD); ResultSet h = head.executeQuery()) {
                if (h.next()) {
                    headSeq = h.getLong(1);
                    headHash = h.getString(2);
                }
            }
        }
        if (checked < headSeq) {
            return AuditVerification.brokenAt(checked + 1, checked); // entries missing at the end
        }
        if (headHash == null || !headHash.equals(previousHash)) {
            // the last entry was rewritten with a recomputed hash, or the head is gone
            return AuditVerification.brokenAt(Math.max(checked, 1), Math.max(checked - 1, 0));
        }
        return AuditVerification.intact(checked);
    }
}
