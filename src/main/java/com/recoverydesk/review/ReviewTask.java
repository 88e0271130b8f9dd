package com.recoverydesk.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An entry of a human step's queue: a case waiting for an agent's review or a supervisor's approval. */
@Entity
@Table(name = "review_task")
public class ReviewTask extends PanacheEntityBase {

    @Id
    @Column(length = 36)
    public String id;

    @Column(name = "case_id", nullable = false, length = 36)
    public String caseId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public TaskQueue queue;

    /** Reviews of a case are numbered: a new round follows each request for more information. */
    @Column(nullable = false)
    public int round;

    @Column(name = "due_at", nullable = false)
    public OffsetDateTime dueAt;

    @Column(length = 64)
    public String assignee;

    @Column(name = "claimed_at")
    public OffsetDateTime claimedAt;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "completed_at")
    public OffsetDateTime completedAt;

    @Column(name = "escalated_at")
    public OffsetDateTime escalatedAt;

    /** The SLA warning point on the business calendar; null on entries opened before it was stored. */
    @Column(name = "warning_at")
    public OffsetDateTime warningAt;
}
