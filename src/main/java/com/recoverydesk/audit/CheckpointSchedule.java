package com.recoverydesk.audit;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Signs the chain head every {@code recovery.audit.checkpoint-interval} when the trail has grown. */
@ApplicationScoped
public class CheckpointSchedule {

    private static final Logger LOG = Logger.getLogger(CheckpointSchedule.class);

    private final AuditCheckpoints checkpoints;

    public CheckpointSchedule(AuditCheckpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    @Scheduled(identity = "audit-checkpoint", every = "${recovery.audit.checkpoint-interval:PT1H}",
            delayed = "${recovery.audit.checkpoint-interval:PT1H}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void signChainHead() {
        try {
            checkpoints.signIfGrown();
        } catch (ChainBrokenException broken) {
            // the message names seq numbers and checkpoint numbers only
            LOG.errorf("No audit checkpoint signed: %s", broken.getMessage());
        } catch (RuntimeException e) {
            // another replica signing the same number at the same moment lands here too; the next run tries again
            LOG.warnf("No audit checkpoint signed this time: %s", e.getClass().getSimpleName());
        }
    }
}
