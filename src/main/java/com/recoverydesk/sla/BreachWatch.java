package com.recoverydesk.sla;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Records a breach as soon as a running target passes, so the dashboard counts breaches as they
 * happened instead of recomputing them from today's rules. Several replicas may sweep at once: the
 * breach's unique key (case, kind, round) keeps one row.
 */
@ApplicationScoped
public class BreachWatch {

    private final SlaMetrics metrics;

    public BreachWatch(SlaMetrics metrics) {
        this.metrics = metrics;
    }

    private static final String OPEN = "c.status in (" + SlaService.OPEN_SQL + ")";

    @Scheduled(every = "${recovery.sla.watch-every:30s}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        recordDue(OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** Records every target past due at {@code now} on an open case; answers how many were new. */
    @Transactional
    public int recordDue(OffsetDateTime now) {
        int recorded = 0;
        recorded += insert(SlaBreach.Kind.FIRST_RESPONSE, "select s.case_id, 'FIRST_RESPONSE', 0, s.risk_level, s.first_response_due_at, ?1 "
                + "from case_sla s join recovery_case c on c.id = s.case_id where s.state = 'RUNNING' and s.first_response_at is null "
                + "and s.first_response_due_at < ?1 and " + OPEN, now);
        recorded += insert(SlaBreach.Kind.RESOLUTION, "select s.case_id, 'RESOLUTION', 0, s.risk_level, s.resolution_due_at, ?1 from case_sla s "
                + "join recovery_case c on c.id = s.case_id where s.state = 'RUNNING' and s.resolution_due_at < ?1 and " + OPEN, now);
        for (SlaBreach.Kind step : new SlaBreach.Kind[] {SlaBreach.Kind.REVIEW, SlaBreach.Kind.APPROVAL}) {
            recorded += insert(step, "select t.case_id, t.queue, t.round, c.risk_level, t.due_at, ?1 from review_task t "
                    + "join recovery_case c on c.id = t.case_id where t.queue = '" + step.name() + "' and t.completed_at is null "
                    + "and t.due_at < ?1 and " + OPEN, now);
        }
        return recorded;
    }

    private int insert(SlaBreach.Kind kind, String select, OffsetDateTime now) {
        int inserted = Panache.getEntityManager().createNativeQuery("insert into sla_breach (case_id, kind, round, risk_level, due_at, recorded_at) "
                + select + " on conflict do nothing").setParameter(1, now).executeUpdate();
        metrics.breachRecorded(kind, inserted);
        return inserted;
    }
}
