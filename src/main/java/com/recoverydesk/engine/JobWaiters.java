package com.recoverydesk.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Long-polling ActivateJobs calls that found nothing and wait for jobs of their type. A waiter is woken
 * (its retry runs) when a command makes jobs of that type activatable, or times out. A per-type
 * generation counter closes the gap between "found nothing" and "started waiting".
 */
final class JobWaiters {

    private final class Waiter {
        final String type;
        final Runnable retry;
        ScheduledFuture<?> timeout;

        Waiter(String type, Runnable retry) {
            this.type = type;
            this.retry = retry;
        }
    }

    private final ScheduledExecutorService timer;
    private final Map<String, List<Waiter>> waiting = new HashMap<>();
    private final Map<String, Long> generations = new HashMap<>();

    JobWaiters(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    synchronized long generation(String type) {
        return generations.getOrDefault(type, 0L);
    }

    /**
     * Waits for jobs of the type. If some appeared since {@code seenGeneration}, retries at once.
     * Returns a handle that cancels the wait (client went away).
     */
    synchronized Runnable await(String type, long seenGeneration, long timeoutMillis, Runnable retry, Runnable onTimeout) {
        if (generation(type) != seenGeneration) {
            retry.run();
            return () -> {};
        }
        Waiter waiter = new Waiter(type, retry);
        try {
            waiter.timeout = timer.schedule(() -> {
                if (remove(waiter)) onTimeout.run();
            }, timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            onTimeout.run(); // the engine is closing: end the call as if the poll timed out
            return () -> {};
        }
        waiting.computeIfAbsent(type, t -> new ArrayList<>()).add(waiter);
        return () -> {
            if (remove(waiter)) waiter.timeout.cancel(false);
        };
    }

    void jobsAvailable(Collection<String> types) {
        List<Waiter> woken = new ArrayList<>();
        synchronized (this) {
            for (String type : types) {
                generations.merge(type, 1L, Long::sum);
                List<Waiter> list = waiting.remove(type);
                if (list != null) woken.addAll(list);
            }
        }
        for (Waiter waiter : woken) {
            waiter.timeout.cancel(false);
            waiter.retry.run();
        }
    }

    private synchronized boolean remove(Waiter waiter) {
        List<Waiter> list = waiting.get(waiter.type);
        if (list == null || !list.remove(waiter)) return false;
        if (list.isEmpty()) waiting.remove(waiter.type);
        return true;
    }

    /** Wakes every waiter so the calls end (engine stopping). */
    void wakeAll() {
        List<String> types;
        synchronized (this) {
            types = new ArrayList<>(waiting.keySet());
        }
        jobsAvailable(types);
    }
}
