package com.recoverydesk.sla;

import com.recoverydesk.cases.CaseStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The SLA as Prometheus metrics (docs/operations.md): backlog and queues as gauges read from the
 * database (shared by all replicas, so every replica reports the same figure; read at most every
 * 15 s whatever the scrape rate), breaches as a counter per replica (sum them), and the business
 * time to first response and to resolution, and the human steps' wall time, as histograms.
 */
@ApplicationScoped
public class SlaMetrics {

    private static final Duration FRESH_FOR = Duration.ofSeconds(15);

    private final MeterRegistry registry;
    private final SlaService sla;
    private volatile SlaService.Gauges snapshot;
    private volatile long snapshotAt;

    public SlaMetrics(MeterRegistry registry, SlaService sla) {
        this.registry = registry;
        this.sla = sla;
    }

    void register(@Observes StartupEvent startup) {
        for (CaseStatus status : CaseStatus.values()) {
            if (status.isOpen()) {
                Gauge.builder("recovery_sla_backlog_cases", this, m -> m.gauges().backlog().getOrDefault(status.name(), 0L))
                        .description("Open cases in this status").tag("status", status.name()).register(registry);
            }
        }
        for (String queue : new String[] {"REVIEW", "APPROVAL"}) {
            Gauge.builder("recovery_sla_queue_entries", this, m -> m.gauges().openTasks().getOrDefault(queue, 0L))
                    .description("Open queue entries of the human step").tag("queue", queue).register(registry);
            Gauge.builder("recovery_sla_queue_past_due", this, m -> m.gauges().pastDue().getOrDefault(queue, 0L))
                    .description("Open queue entries past their due time").tag("queue", queue).register(registry);
        }
        Gauge.builder("recovery_sla_resolution_past_due_cases", this, m -> m.gauges().resolutionPastDue())
                .description("Open cases whose running SLA clock is past its resolution target").register(registry);
        Gauge.builder("recovery_sla_oldest_open_case_age_seconds", this, m -> m.gauges().oldestOpenAgeSeconds())
                .description("Age of the oldest open case").register(registry);
    }

    /** A target missed and recorded now (by this replica). */
    void breachRecorded(SlaBreach.Kind kind, int count) {
        if (count > 0) {
            Counter.builder("recovery_sla_breaches_total").description("SLA breaches recorded, by what was missed")
                    .tag("kind", kind.name()).register(registry).increment(count);
        }
    }

    void firstResponse(String riskLevel, long businessSeconds) {
        seconds("recovery_sla_first_response_seconds", "Business time from the evidence reaching the desk to the first agent action",
                riskLevel).record(businessSeconds);
    }

    void resolution(String riskLevel, long businessSeconds) {
        seconds("recovery_sla_resolution_seconds", "Business time to the desk's final answer, pauses excluded", riskLevel).record(businessSeconds);
    }

    void stepDone(SlaBreach.Kind step, Duration took) {
        DistributionSummary.builder("recovery_sla_step_seconds").description("Wall time from a queue entry's opening to its decision")
                .baseUnit("seconds").tag("step", step.name()).publishPercentileHistogram().register(registry)
                .record(Math.max(0, took.toSeconds()));
    }

    private DistributionSummary seconds(String name, String description, String riskLevel) {
        return DistributionSummary.builder(name).description(description).baseUnit("seconds")
                .tag("risk", riskLevel == null ? "LOW" : riskLevel).publishPercentileHistogram().register(registry);
    }

    private SlaService.Gauges gauges() {
        long now = System.nanoTime();
        SlaService.Gauges current = snapshot;
        if (current == null || now - snapshotAt > FRESH_FOR.toNanos()) {
            synchronized (this) {
                if (snapshot == null || System.nanoTime() - snapshotAt > FRESH_FOR.toNanos()) {
                    snapshot = sla.gauges(OffsetDateTime.now(ZoneOffset.UTC));
                    snapshotAt = System.nanoTime();
                }
                current = snapshot;
            }
        }
        return current;
    }
}
