package com.recoverydesk.compliance;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;

/** Keeps a closed case from the retention purge until it is released; released holds stay as the record. */
@Entity
@Table(name = "retention_hold")
public class RetentionHold extends PanacheEntityBase {

    /** Placed by compliance or an admin: the case is disputed (a complaint, a legal request). */
    public static final String DISPUTED = "DISPUTED";
    /** Placed by the purge itself: the case was frozen by an objection and the freeze was never lifted. */
    public static final String FROZEN = "FROZEN";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "case_id", nullable = false, length = 36)
    public String caseId;

    @Column(nullable = false, length = 16)
    public String reason;

    @Column(length = 500)
    public String note;

    @Column(name = "placed_by", nullable = false, length = 64)
    public String placedBy;

    @Column(name = "placed_at", nullable = false)
    public OffsetDateTime placedAt;

    @Column(name = "released_by", length = 64)
    public String releasedBy;

    @Column(name = "released_at")
    public OffsetDateTime releasedAt;

    @Column(name = "release_note", length = 500)
    public String releaseNote;

    static List<RetentionHold> ofCase(String caseId) {
        return list("caseId = ?1 order by placedAt, id", caseId);
    }
}
