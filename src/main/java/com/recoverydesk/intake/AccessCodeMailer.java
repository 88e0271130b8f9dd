package com.recoverydesk.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
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
    /** A full backlog is said in the log at most this often, with the number of codes dropped since. */
    static final long DROP_WARNING_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    static final long MIN_DELAY_MILLIS = 200;
    static final long MAX_DELAY_MILLIS = 2_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IntakeService intake;
    private final int maxBacklog;
    private final Counter dropped;
    private final AtomicLong droppedSinceWarning = new AtomicLong();
    private volatile long lastDropWarningNanos = System.nanoTime() - DROP_WARNING_EVERY_NANOS;
    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, runnable -> {
        Thread thread = new Thread(runnable, "access-code-mailer");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    public AccessCodeMailer(IntakeService intake, MeterRegistry registry) {
        this(intake, registry, MAX_BACKLOG);
    }

    AccessCodeMailer(IntakeService intake, MeterRegistry registry, int maxBacklog) {
        this.intake = intake;
        this.maxBacklog = maxBacklog;
        this.dropped = Counter.builder("recovery_access_codes_dropped")
                .description("Access-code mails not sent because the mailer's backlog was full (a flood of filings)")
                .register(registry);
        executor.setRemoveOnCancelPolicy(true);
    }

    public void sendLater(IntakeService.FiledRequest filed) {
        if (executor.getQueue().size() >= maxBacklog) {
            dropCode();
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

    /** Counts the dropped code; under a flood the log says so once a minute, not once per code. */
    private void dropCode() {
        dropped.increment();
        droppedSinceWarning.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastDropWarningNanos >= DROP_WARNING_EVERY_NANOS) {
            lastDropWarningNanos = now;
            LOG.warnf("Access-code mail backlog full (%d waiting): %d codes not sent since the last warning", maxBacklog,
                    droppedSinceWarning.getAndSet(0));
        }
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
