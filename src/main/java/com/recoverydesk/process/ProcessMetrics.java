package com.recoverydesk.process;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Prometheus gauges for operations: commands waiting in the outbox (a growing number means the
 * engine is not taking them) and whether the process is deployed.
 */
@ApplicationScoped
public class ProcessMetrics {

    private final MeterRegistry registry;
    private final OutboxStore outbox;
    private final ProcessEngine engine;

    public ProcessMetrics(MeterRegistry registry, OutboxStore outbox, ProcessEngine engine) {
        this.registry = registry;
        this.outbox = outbox;
        this.engine = engine;
    }

    void register(@Observes StartupEvent startup) {
        Gauge.builder("recovery_outbox_pending_commands", outbox, OutboxStore::pendingCount)
                .description("Commands for the process engine not yet taken by it")
                .register(registry);
        Gauge.builder("recovery_process_deployed", engine, e -> e.isDeployed() ? 1 : 0)
                .description("1 once the recovery process is deployed to the engine")
                .register(registry);
    }
}
