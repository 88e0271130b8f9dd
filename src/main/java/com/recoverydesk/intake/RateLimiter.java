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
 * Fixed-window rate limits kept in the database, so that they hold across replicas: each hit
 * counts in the window it falls in, and a key over its limit waits for the window's end.
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
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Duration> hit(Limit... limits) {
        Instant now = Instant.now();
        Optional<Duration> longestWait = Optional.empty();
        for (Limit limit : limits) {
            long windowMillis = limit.window().toMillis();
            Instant start = Instant.ofEpochMilli(now.toEpochMilli() / windowMillis * windowMillis);
            int hits = count(limit.bucket(), OffsetDateTime.ofInstant(start, ZoneOffset.UTC));
            if (hits > limit.limit()) {
                Duration wait = Duration.between(now, start.plus(limit.window()));
                longestWait = longestWait.filter(w -> w.compareTo(wait) >= 0).or(() -> Optional.of(wait));
            }
        }
        return longestWait;
    }

    /** Adds the hit and returns the window's count. */
    private int count(String bucket, OffsetDateTime windowStart) {
        EntityManager em = Panache.getEntityManager();
        if (postgres) {
            // one round trip: the row is created or incremented, and its count returned
            return ((Number) em.createNativeQuery("insert into rate_limit_window (bucket_key, window_start, hits) values (?1, ?2, 1) "
                            + "on conflict (bucket_key, window_start) do update set hits = rate_limit_window.hits + 1 returning hits")
                    .setParameter(1, bucket).setParameter(2, windowStart).getSingleResult()).intValue();
        }
        // H2 (the demo) has no upsert with a returned value: create the row if missing, then lock it
        em.createNativeQuery("insert into rate_limit_window (bucket_key, window_start, hits) values (?1, ?2, 0) on conflict do nothing")
                .setParameter(1, bucket).setParameter(2, windowStart).executeUpdate();
        RateLimitWindow counter = em.find(RateLimitWindow.class, new RateLimitWindow.Key(bucket, windowStart), LockModeType.PESSIMISTIC_WRITE);
        counter.hits++;
        return counter.hits;
    }

    /** Forgets windows that ended a day ago. */
    @io.quarkus.scheduler.Scheduled(every = "1h", delayed = "5m")
    @Transactional
    void forgetOldWindows() {
        RateLimitWindow.delete("key.windowStart < ?1", OffsetDateTime.now(ZoneOffset.UTC).minusDays(1));
    }
}
