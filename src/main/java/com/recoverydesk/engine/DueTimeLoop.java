package com.recoverydesk.engine;

import org.jboss.logging.Logger;

import java.util.function.LongUnaryOperator;

/**
 * A single background thread that does time-driven work (fire timers, expire job deadlines): it runs
 * the work, which answers when it next needs to run, and sleeps until then, or until someone
 * announces earlier work with {@link #wakeAt(long)}. Sleeps at most {@code maxSleepMillis} as a safety net.
 */
final class DueTimeLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DueTimeLoop.class);

    private final Thread thread;
    private final java.time.Clock clock;
    private final long maxSleepMillis;
    private final LongUnaryOperator work;
    private long requestedWake = Long.MAX_VALUE;
    private volatile boolean running = true;

    /** @param work given now, does what is due and returns the next due time (Long.MAX_VALUE for none) */
    DueTimeLoop(String name, java.time.Clock clock, long maxSleepMillis, LongUnaryOperator work) {
        this.clock = clock;
        this.maxSleepMillis = maxSleepMillis;
        this.work = work;
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Announces work due at {@code dueAt}; remembered even while the work is running. */
    synchronized void wakeAt(long dueAt) {
        if (dueAt < requestedWake) {
            requestedWake = dueAt;
            notifyAll();
        }
    }

    private void loop() {
        while (running) {
            synchronized (this) {
                requestedWake = Long.MAX_VALUE;
            }
            long ranAt = clock.millis();
            long next;
            try {
                next = work.applyAsLong(ranAt);
            } catch (RuntimeException e) {
                if (!running) return;
                LOG.warnf("%s failed, retrying shortly: %s", thread.getName(), e.getMessage());
                next = ranAt + 1000;
            }
            synchronized (this) {
                while (running) {
                    long wake = Math.min(Math.min(next, requestedWake), ranAt + maxSleepMillis);
                    long now = clock.millis();
                    if (wake <= now) break;
                    try {
                        wait(wake - now);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
