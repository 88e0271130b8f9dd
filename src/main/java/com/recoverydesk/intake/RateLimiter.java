package com.recoverydesk.intake;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Fixed-window rate limits kept in the database, so that they hold across replicas: each hit
 * counts in the window it falls in, and a key over its limit waits for the window's end.
 */
@ApplicationScoped
public class RateLimiter {

    /**
     * Counts a hit and tells how long to wait if the key is over its limit. The count commits on
     * its own, at once: the counter's row lock must not last as long as the caller's transaction,
     * or all requests of one client (or of one busy address) would queue behind each other.
     *
     * @return empty while the key is within {@code limit} hits in the current window
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Duration> hit(String bucket, int limit, Duration window) {
        Instant now = Instant.now();
        long windowMillis = window.toMillis();
        Instant start = Instant.ofEpochMilli(now.toEpochMilli() / windowMillis * windowMillis);
        OffsetDateTime windowStart = OffsetDateTime.ofInstant(start, ZoneOffset.UTC);
        // create the window's row if it is missing, then lock it, so that concurrent hits all count
        Panache.getEntityManager()
                .createNativeQuery("insert into rate_limit_window (bucket_key, window_start, hits) values (?1, ?2, 0) on conflict do nothing")
                .setParameter(1, bucket).setParameter(2, windowStart).executeUpdate();
        RateLimitWindow counter = Panache.getEntityManager()
                .find(RateLimitWindow.class, new RateLimitWindow.Key(bucket, windowStart), LockModeType.PESSIMISTIC_WRITE);
        counter.hits++;
        if (counter.hits <= limit) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, start.plus(window)));
    }

    /** Forgets windows that ended a day ago. */
    @io.quarkus.scheduler.Scheduled(every = "1h", delayed = "5m")
    @Transactional
    void forgetOldWindows() {
        RateLimitWindow.delete("key.windowStart < ?1", OffsetDateTime.now(ZoneOffset.UTC).minusDays(1));
    }
}
