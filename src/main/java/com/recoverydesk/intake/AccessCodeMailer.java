package com.recoverydesk.intake;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Sends access codes off the request thread, after the request was committed: the intake answer
 * must not take longer for a registered address (directory look-up, mail, audit) than for an
 * unknown one. The work also starts after a random delay, so that it does not slow down
 * precisely the request that follows (docs/security.md, "Timing of intake answers").
 */
@ApplicationScoped
public class AccessCodeMailer {

    private static final Logger LOG = Logger.getLogger(AccessCodeMailer.class);
    /** Beyond this backlog a code is dropped (the requester files again) rather than memory grown without end. */
    static final int MAX_BACKLOG = 10_000;
    static final long MIN_DELAY_MILLIS = 200;
    static final long MAX_DELAY_MILLIS = 2_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IntakeService intake;
    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, runnable -> {
        Thread thread = new Thread(runnable, "access-code-mailer");
        thread.setDaemon(true);
        return thread;
    });

    public AccessCodeMailer(IntakeService intake) {
        this.intake = intake;
        executor.setRemoveOnCancelPolicy(true);
    }

    public void sendLater(IntakeService.FiledRequest filed) {
        if (executor.getQueue().size() >= MAX_BACKLOG) {
            LOG.warn("Access-code mail backlog full; a code was not sent");
            return;
        }
        long delay = MIN_DELAY_MILLIS + (long) (RANDOM.nextDouble() * (MAX_DELAY_MILLIS - MIN_DELAY_MILLIS));
        executor.schedule(() -> {
            try {
                intake.mailAccessCode(filed);
            } catch (RuntimeException e) {
                // no address in the log: the requester simply files again if no code arrives
                LOG.warnf(e, "Could not send the access code of request %d", filed.requestId());
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    /**
     * Codes still waiting at shutdown are not sent: the container (transactions, the database) is
     * going away under them. They live only in memory by design (a code is never stored in clear),
     * so their requesters file again; the log says how many.
     */
    @PreDestroy
    void stop() {
        int unsent = executor.getQueue().size();
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.shutdown();
        if (unsent > 0) {
            LOG.warnf("%d access-code mails were not sent before shutdown", unsent);
        }
        try {
            // a mail being sent right now finishes while the database is still there
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
