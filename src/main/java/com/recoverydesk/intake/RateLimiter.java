package com.recoverydesk.intake;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sliding-window rate limits kept in the database, so that they hold across replicas. Each hit
 * counts in the fixed window it falls in; the limit is checked against the current window's count
 * plus the previous window's, weighted by how much of it still lies within one window length of
 * now. So a limit never resets at a clock boundary (the top of the hour), and a client cannot get
 * twice its allowance by straddling one; a refused client waits until the estimate is back under
 * the limit.
 */
@ApplicationScoped
public class RateLimiter {

    /** A limit: at most {@code limit} hits of {@code bucket} per {@code window}. */
    public record Limit(String bucket, int limit, Duration window) {}

    private final boolean postgres;

    public RateLimiter(@ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.postgres = "postgresql".equals(dbKind);
    }

    /**
     * Counts one hit on each limit and tells how long to wait if any is exceeded. The counts commit
     * on their own, at once, in one short transaction: a counter's row lock must not last as long
     * as the caller's transaction, or all requests of one client (or one busy address) would queue
     * behind each other. Limits are counted in the order given, so two callers never deadlock.
     *
     * @return empty while every limit holds; else the longest wait
     */
    public Optional<Duration> hit(Limit... limits) {
        return hit(Instant.now(), limits);
    }

    /** {@link #hit(Limit...)} at a given time: the tests' clock. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Optional<Duration> hit(Instant now, Limit... limits) {
        if (postgres) {
            // A counter is not a write anyone was promised: losing the last few hits in a database
            // crash only lets a client a few requests more. Not waiting for the WAL flush at commit
            // matters because every request of one client queues on its counter row until the
            // commit before it returns: with the flush, the row's lock lasts a disk sync per hit,
            // which bounded intake from one address to about one filing per sync.
            Panache.getEntityManager().createNativeQuery("set local synchronous_commit = off").executeUpdate();
        }
        Optional<Duration> longestWait = Optional.empty();
        for (Limit limit : limits) {
            long windowMillis = limit.window().toMillis();
            long startMillis = Math.floorDiv(now.toEpochMilli(), windowMillis) * windowMillis;
            int[] counts = count(limit.bucket(), OffsetDateTime.ofInstant(Instant.ofEpochMilli(startMillis), ZoneOffset.UTC),
                    OffsetDateTime.ofInstant(Instant.ofEpochMilli(startMillis - windowMillis), ZoneOffset.UTC));
            Optional<Duration> wait = waitFor(limit.limit(), counts[0], counts[1], now.toEpochMilli() - startMillis, windowMillis);
            if (wait.isPresent()) {
                longestWait = longestWait.filter(w -> w.compareTo(wait.get()) >= 0).or(() -> wait);
            }
        }
        return longestWait;
    }

    /**
     * How long until the sliding estimate {@code previous × (1 − elapsed/window) + current} is back
     * within the limit (if no further hits come), or empty while it is within.
     */
    static Optional<Duration> waitFor(int limit, int current, int previous, long elapsedMillis, long windowMillis) {
        double remainingShare = 1.0 - (double) elapsedMillis / windowMillis;
        double estimate = previous * remainingShare + current;
        if (estimate <= limit) {
            return Optional.empty();
        }
        double waitMillis = current > limit
                // the current window alone is over: wait for it to end, then for enough of it to slide out
                ? (windowMillis - elapsedMillis) + windowMillis * (1.0 - (double) limit / current)
                // the previous window's tail is what is over: wait for enough of it to slide out
                : windowMillis * (1.0 - (double) (limit - current) / previous) - elapsedMillis;
        return Optional.of(Duration.ofMillis(Math.max(1000, (long) Math.ceil(waitMillis))));
    }

    /** Adds the hit; returns the current window's count and the previous window's. */
    private int[] count(String bucket, OffsetDateTime windowStart, OffsetDateTime previousStart) {
        EntityManager em = Panache.getEntityManager();
        if (postgres) {
            // one round trip: the row is created or incremented, its count returned with the previous window's
            Object[] row = (Object[]) em.createNativeQuery("with hit as (insert into rate_limit_window (bucket_key, window_start, hits) "
                            + "values (?1, ?2, 1) on conflict (bucket_key, window_start) do update set hits = rate_limit_window.hits + 1 "
                            + "returning hits) select hit.hits, coalesce((select p.hits from rate_limit_window p "
                            + "where p.bucket_key = ?1 and p.window_start = ?3), 0) from hit")
                    .setParameter(1, bucket).setParameter(2, windowStart).setParameter(3, previousStart).getSingleResult();
            return new int[]{((Number) row[0]).intValue(), ((Number) row[1]).intValue()};
        }
        // H2 (the demo) has no upsert with a returned value: create the row if missing, then lock it
        em.createNativeQuery("insert into rate_limit_window (bucket_key, window_start, hits) values (?1, ?2, 0) on conflict do nothing")
                .setParameter(1, bucket).setParameter(2, windowStart).executeUpdate();
        RateLimitWindow counter = em.find(RateLimitWindow.class, new RateLimitWindow.Key(bucket, windowStart), LockModeType.PESSIMISTIC_WRITE);
        counter.hits++;
        RateLimitWindow previous = em.find(RateLimitWindow.class, new RateLimitWindow.Key(bucket, previousStart));
        return new int[]{counter.hits, previous == null ? 0 : previous.hits};
    }

    /** Forgets windows that ended a day ago (the longest window is an hour: its predecessor is still needed). */
    @io.quarkus.scheduler.Scheduled(every = "1h", delayed = "5m")
    @Transactional
    void forgetOldWindows() {
        RateLimitWindow.delete("key.windowStart < ?1", OffsetDateTime.now(ZoneOffset.UTC).minusDays(1));
    }
}
