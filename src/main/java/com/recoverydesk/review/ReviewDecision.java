package com.recoverydesk.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The decision on one queue entry: an agent's review or a supervisor's second approval. One per
 * entry (unique task id), which is what makes a double submit decide once; the reviewers of a
 * case, in every round, are read from here for the four-eyes rule.
 */
@Entity
@Table(name = "review_decision")
public class ReviewDecision extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "case_id", nullable = false, length = 36)
    public String caseId;

    @Column(name = "task_id", nullable = false, unique = true, length = 36)
    public String taskId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public TaskQueue queue;

    @Column(nullable = false)
    public int round;

    @Column(name = "decided_by", nullable = false, length = 64)
    public String decidedBy;

    @Column(nullable = false, length = 24)
    public String decision;

    @Column(name = "reason_code", length = 40)
    public String reasonCode;

    /** The checklist items ticked, comma-separated (see {@link Checklist#encode()}). */
    @Column(nullable = false, length = 200)
    public String checklist;

    @Column(length = 2000)
    public String note;

    @Column(name = "decided_at", nullable = false)
    public OffsetDateTime decidedAt;

    public static List<ReviewDecision> ofCase(String caseId) {
        return list("caseId = ?1 order by decidedAt, id", caseId);
    }

    /** Whether the staff member decided a review of the case, in any round. */
    public static boolean reviewedBy(String caseId, String username) {
        return count("caseId = ?1 and queue = ?2 and decidedBy = ?3", caseId, TaskQueue.REVIEW, username) > 0;
    }
}
