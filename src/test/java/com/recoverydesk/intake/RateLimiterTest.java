package com.recoverydesk.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Limits slide: they do not reset at the top of the hour. */
@QuarkusTest
class RateLimiterTest {

    @Inject
    RateLimiter limiter;

    @Test
    void shouldKeepTheLimitAcrossTheTopOfTheHour() {
        RateLimiter.Limit limit = new RateLimiter.Limit("test:sliding:" + System.nanoTime(), 5, Duration.ofHours(1));
        Instant beforeTheHour = Instant.parse("2026-03-02T10:59:00Z");
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.empty(), limiter.hit(beforeTheHour, limit), "hit " + (i + 1) + " is allowed");
        }
        assertTrue(limiter.hit(beforeTheHour, limit).isPresent(), "the sixth is refused");

        // two minutes later a fixed window would have started afresh; a sliding one still counts the last hour
        Optional<Duration> wait = limiter.hit(Instant.parse("2026-03-02T11:01:00Z"), limit);
        assertTrue(wait.isPresent(), "still refused after the top of the hour");
        assertTrue(wait.get().compareTo(Duration.ofMinutes(10)) > 0, "and told to wait well beyond it: " + wait.get());

        // an hour after the burst, the allowance is back
        assertEquals(Optional.empty(), limiter.hit(Instant.parse("2026-03-02T12:00:30Z"), limit));
    }

    @Test
    void shouldComputeTheWaitUntilTheEstimateIsBackUnderTheLimit() {
        long hour = Duration.ofHours(1).toMillis();
        // previous window held 10, we are a quarter into the current one with 2: estimate 9.5 > 5
        Duration wait = RateLimiter.waitFor(5, 2, 10, hour / 4, hour).orElseThrow();
        // 10 × (1 − f) + 2 ≤ 5 ⇔ f ≥ 0.7: 0.45 of the hour from now
        assertEquals(Duration.ofMinutes(27), wait);
        assertEquals(Optional.empty(), RateLimiter.waitFor(5, 2, 10, hour * 8 / 10, hour));
    }
}
