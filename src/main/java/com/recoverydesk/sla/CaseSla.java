package com.recoverydesk.sla;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A case's SLA clock and its due times, stored when the case enters a stage so that the queue, the
 * process timers and the dashboard read the same figures. It starts at the first submission of
 * evidence, pauses while the case waits on the requester, and stops at the desk's final answer.
 */
@Entity
@Table(name = "case_sla")
public class CaseSla extends PanacheEntityBase {

    public enum State { RUNNING, PAUSED, STOPPED }

    @Id
    @Column(name = "case_id", length = 36)
    public String caseId;

    @Column(name = "risk_level", nullable = false, length = 8)
    public String riskLevel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    public State state;

    @Column(name = "started_at", nullable = false)
    public OffsetDateTime startedAt;

    /** Start of the current running stretch; null while paused or stopped. */
    @Column(name = "running_since")
    public OffsetDateTime runningSince;

    /** Business seconds counted before the current running stretch. */
    @Column(name = "consumed_seconds", nullable = false)
    public long consumedSeconds;

    @Column(name = "first_response_due_at", nullable = false)
    public OffsetDateTime firstResponseDueAt;

    @Column(name = "first_response_at")
    public OffsetDateTime firstResponseAt;

    /** Business seconds from the start to the first response. */
    @Column(name = "first_response_seconds")
    public Long firstResponseSeconds;

    @Column(name = "resolution_due_at", nullable = false)
    public OffsetDateTime resolutionDueAt;

    @Column(name = "resolution_warning_at", nullable = false)
    public OffsetDateTime resolutionWarningAt;

    @Column(name = "resolved_at")
    public OffsetDateTime resolvedAt;

    /** Business seconds the desk took to resolve, pauses excluded. */
    @Column(name = "resolution_seconds")
    public Long resolutionSeconds;
}
