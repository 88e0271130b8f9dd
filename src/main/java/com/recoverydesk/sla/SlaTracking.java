package com.recoverydesk.sla;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Moves a case's SLA clock with the case, in the transaction of the step that moves the case: it
 * starts when the evidence first reaches the desk, pauses while the desk waits on the requester,
 * resumes when they answer (the due times laid again on the calendar for what is left), and stops at
 * the desk's final answer. A target passed by the time of a step is recorded as breached there.
 */
@ApplicationScoped
public class SlaTracking {

    private final SlaPolicy policy;
    private final SlaMetrics metrics;

    public SlaTracking(SlaPolicy policy, SlaMetrics metrics) {
        this.policy = policy;
        this.metrics = metrics;
    }

    /** The evidence is with the desk (a review opened): the clock starts, or resumes after a pause. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CaseSla resume(String caseId, String riskLevel, OffsetDateTime at) {
        CaseSla sla = CaseSla.findById(caseId, LockModeType.PESSIMISTIC_WRITE);
        String risk = riskLevel == null ? "LOW" : riskLevel;
        if (sla == null) {
            sla = new CaseSla();
            sla.caseId = caseId;
            sla.riskLevel = risk;
            sla.startedAt = at;
            sla.consumedSeconds = 0;
            sla.state = CaseSla.State.RUNNING;
            sla.runningSince = at;
            layDueTimes(sla, at);
            sla.persist();
            return sla;
        }
        if (sla.state == CaseSla.State.PAUSED) {
            sla.state = CaseSla.State.RUNNING;
            sla.runningSince = at;
            layDueTimes(sla, at);
        }
        return sla;
    }

    /** The desk waits on the requester (more information asked for): the clock stops counting. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void pause(String caseId, OffsetDateTime at) {
        lock(caseId).filter(s -> s.state == CaseSla.State.RUNNING).ifPresent(sla -> {
            recordLate(sla, at);
            sla.consumedSeconds = consumedAt(sla, at).toSeconds();
            sla.state = CaseSla.State.PAUSED;
            sla.runningSince = null;
        });
    }

    /** The first agent action on the case (claiming its review). Later actions change nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void firstResponse(String caseId, OffsetDateTime at) {
        lock(caseId).filter(s -> s.firstResponseAt == null).ifPresent(sla -> {
            recordLate(sla, at);
            sla.firstResponseAt = at;
            sla.firstResponseSeconds = consumedAt(sla, at).toSeconds();
            metrics.firstResponse(sla.riskLevel, sla.firstResponseSeconds);
        });
    }

    /** The desk's final answer (approved for the reset, or rejected): the clock stops for good. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resolved(String caseId, OffsetDateTime at) {
        lock(caseId).filter(s -> s.state != CaseSla.State.STOPPED).ifPresent(sla -> {
            recordLate(sla, at);
            sla.resolutionSeconds = consumedAt(sla, at).toSeconds();
            sla.consumedSeconds = sla.resolutionSeconds;
            sla.resolvedAt = at;
            sla.state = CaseSla.State.STOPPED;
            sla.runningSince = null;
            metrics.resolution(sla.riskLevel, sla.resolutionSeconds);
        });
    }

    /** A human step's queue entry was done at {@code at}; done after its due time, that is a breach of the step. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void stepDone(String caseId, SlaBreach.Kind step, int round, String riskLevel, OffsetDateTime openedAt, OffsetDateTime dueAt,
                         OffsetDateTime at) {
        metrics.stepDone(step, Duration.between(openedAt, at));
        if (at.isAfter(dueAt)) {
            recordBreach(caseId, step, round, riskLevel, dueAt, at);
        }
    }

    /** The case's clock, if it started. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<CaseSla> of(String caseId) {
        return CaseSla.findByIdOptional(caseId);
    }

    private void layDueTimes(CaseSla sla, OffsetDateTime at) {
        Duration consumed = Duration.ofSeconds(sla.consumedSeconds);
        // a target already spent keeps the due time it was missed at; the rest is laid again from now
        if (sla.firstResponseAt == null && (sla.firstResponseDueAt == null || policy.firstResponseLeft(sla.riskLevel, consumed))) {
            sla.firstResponseDueAt = utc(policy.firstResponseDue(sla.riskLevel, at.toInstant(), consumed).dueAt());
        }
        if (sla.resolutionDueAt == null || policy.resolutionLeft(sla.riskLevel, consumed)) {
            SlaPolicy.Due resolution = policy.resolutionDue(sla.riskLevel, at.toInstant(), consumed);
            sla.resolutionDueAt = utc(resolution.dueAt());
            sla.resolutionWarningAt = utc(resolution.warningAt());
        }
    }

    private Duration consumedAt(CaseSla sla, OffsetDateTime at) {
        Duration consumed = Duration.ofSeconds(sla.consumedSeconds);
        if (sla.state == CaseSla.State.RUNNING && sla.runningSince != null) {
            consumed = consumed.plus(policy.calendar().between(sla.runningSince.toInstant(), at.toInstant()));
        }
        return consumed;
    }

    /** Targets passed while the clock ran and not yet recorded by the watch. */
    private void recordLate(CaseSla sla, OffsetDateTime at) {
        if (sla.state != CaseSla.State.RUNNING) {
            return;
        }
        if (sla.firstResponseAt == null && at.isAfter(sla.firstResponseDueAt)) {
            recordBreach(sla.caseId, SlaBreach.Kind.FIRST_RESPONSE, 0, sla.riskLevel, sla.firstResponseDueAt, at);
        }
        if (at.isAfter(sla.resolutionDueAt)) {
            recordBreach(sla.caseId, SlaBreach.Kind.RESOLUTION, 0, sla.riskLevel, sla.resolutionDueAt, at);
        }
    }

    private void recordBreach(String caseId, SlaBreach.Kind kind, int round, String riskLevel, OffsetDateTime dueAt, OffsetDateTime at) {
        int inserted = Panache.getEntityManager().createNativeQuery("insert into sla_breach (case_id, kind, round, risk_level, due_at, recorded_at) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing")
                .setParameter(1, caseId).setParameter(2, kind.name()).setParameter(3, round).setParameter(4, riskLevel)
                .setParameter(5, dueAt).setParameter(6, at).executeUpdate();
        metrics.breachRecorded(kind, inserted);
    }

    private static Optional<CaseSla> lock(String caseId) {
        return Optional.ofNullable(CaseSla.findById(caseId, LockModeType.PESSIMISTIC_WRITE));
    }

    private static OffsetDateTime utc(java.time.Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
