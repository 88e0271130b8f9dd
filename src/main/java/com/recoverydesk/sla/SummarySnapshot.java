package com.recoverydesk.sla;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The manager's summary as last computed (docs/performance.md "SLA dashboard"): the figures take
 * seconds over a million cases, so a refresher computes them every {@code recovery.sla.summary-refresh}
 * with the same plain queries, and the API and the page answer from the latest one, showing its time.
 * The snapshot is per JVM: each replica computes its own, which costs each the compute time once per
 * interval and needs no coordination. With the refresh {@code off} every request computes the figures.
 */
@ApplicationScoped
public class SummarySnapshot {

    private static final Logger LOG = Logger.getLogger(SummarySnapshot.class);

    private final SlaService sla;
    private final Duration interval;
    private final Timer computeTime;
    /** One computation at a time: the scheduler's, a first request's or a test's. */
    private final ReentrantLock computing = new ReentrantLock();
    private volatile SlaSummary latest;

    public SummarySnapshot(SlaService sla, SlaConfig config, MeterRegistry registry) {
        this.sla = sla;
        this.interval = interval(config.summaryRefresh());
        this.computeTime = Timer.builder("recovery_sla_summary_refresh").description("Time to compute the manager's summary snapshot")
                .register(registry);
    }

    /** The latest figures; the first request computes them, and every request does when the refresh is off. */
    public SlaSummary latest() {
        SlaSummary current = latest;
        if (interval == null) {
            return compute();
        }
        if (current == null) {
            computing.lock();
            try {
                current = latest;
                if (current == null) {
                    current = compute();
                    latest = current;
                }
            } finally {
                computing.unlock();
            }
        }
        return current;
    }

    /** Computes the figures now and keeps them; waits for a refresh under way first. */
    public SlaSummary refresh() {
        computing.lock();
        try {
            SlaSummary fresh = compute();
            latest = fresh;
            return fresh;
        } finally {
            computing.unlock();
        }
    }

    @Scheduled(identity = "sla-summary-refresh", every = "${recovery.sla.summary-refresh:PT30S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        // a first request or a test computing right now makes this round redundant
        if (computing.tryLock()) {
            try {
                latest = compute();
            } finally {
                computing.unlock();
            }
        }
    }

    /** How often the figures are computed, null when every request computes them. */
    public Duration interval() {
        return interval;
    }

    private SlaSummary compute() {
        long start = System.nanoTime();
        SlaSummary summary = sla.summary(OffsetDateTime.now(ZoneOffset.UTC));
        long took = System.nanoTime() - start;
        computeTime.record(Duration.ofNanos(took));
        LOG.debugf("summary snapshot computed in %d ms", took / 1_000_000);
        return summary;
    }

    /** The scheduler's notation ({@code 30s}, {@code PT30S}, {@code 1m}), or {@code off}/{@code disabled} for none. */
    static Duration interval(String every) {
        String value = every.trim().toUpperCase(Locale.ROOT);
        if (value.equals("OFF") || value.equals("DISABLED")) {
            return null;
        }
        Duration parsed = Duration.parse(value.startsWith("P") ? value : "PT" + value);
        if (parsed.isNegative() || parsed.isZero()) {
            throw new IllegalArgumentException("recovery.sla.summary-refresh must be positive or off: " + every);
        }
        return parsed;
    }
}
