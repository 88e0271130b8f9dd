package com.recoverydesk.compliance;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Runs the retention purge every {@code recovery.retention.sweep-interval}. The clock is the
 * service's here; tests call {@link RetentionService#purgeDue} with theirs.
 */
@ApplicationScoped
public class RetentionSchedule {

    private static final Logger LOG = Logger.getLogger(RetentionSchedule.class);

    private final RetentionService retention;

    public RetentionSchedule(RetentionService retention) {
        this.retention = retention;
    }

    @Scheduled(identity = "evidence-retention", every = "${recovery.retention.sweep-interval:PT1H}",
            delayed = "${recovery.retention.sweep-interval:PT1H}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeDue() {
        try {
            retention.purgeDue(Instant.now());
        } catch (RuntimeException e) {
            // the database was unreachable, say; nothing is half-purged (one transaction per case) and the next run resumes
            LOG.warnf("Retention purge run failed: %s", e.getClass().getSimpleName());
        }
    }
}
