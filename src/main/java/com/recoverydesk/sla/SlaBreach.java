package com.recoverydesk.sla;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A target missed, recorded when it was missed (by the watch, or by the late action itself), never recomputed. */
@Entity
@Table(name = "sla_breach")
public class SlaBreach extends PanacheEntityBase {

    /** What was missed: the case's targets, and the human steps' due times. */
    public enum Kind { FIRST_RESPONSE, RESOLUTION, REVIEW, APPROVAL }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "case_id", nullable = false, length = 36)
    public String caseId;

    @Column(nullable = false, length = 16)
    public String kind;

    /** The review round for the human steps' breaches; 0 for the case's own targets. */
    @Column(nullable = false)
    public int round;

    @Column(name = "risk_level", length = 8)
    public String riskLevel;

    /** When the target was missed: its due time. */
    @Column(name = "due_at", nullable = false)
    public OffsetDateTime dueAt;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;
}
