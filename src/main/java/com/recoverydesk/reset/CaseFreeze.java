package com.recoverydesk.reset;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A case frozen by an objection in one round, and its reopening by a supervisor. */
@Entity
@Table(name = "case_freeze")
public class CaseFreeze extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "case_id", nullable = false, length = 36)
    public String caseId;

    @Column(nullable = false)
    public int round;

    @Column(name = "frozen_at", nullable = false)
    public OffsetDateTime frozenAt;

    @Column(name = "reopened_at")
    public OffsetDateTime reopenedAt;

    @Column(name = "reopened_by", length = 64)
    public String reopenedBy;

    @Column(length = 2000)
    public String note;

    /** The round a case is in: each reopening starts the next one. */
    static int currentRound(String caseId) {
        return (int) count("caseId = ?1 and reopenedAt is not null", caseId);
    }
}
