package com.recoverydesk.process;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.Topology;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the engine answers a topology request and the recovery process is deployed. */
@Readiness
@ApplicationScoped
public class EngineHealthCheck implements HealthCheck {

    private final ProcessEngine engine;
    private final CamundaClient client;
    private final OutboxStore outbox;

    public EngineHealthCheck(ProcessEngine engine, CamundaClient client, OutboxStore outbox) {
        this.engine = engine;
        this.client = client;
        this.outbox = outbox;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder answer = HealthCheckResponse.named("process-engine")
                .withData("mode", engine.isEmbedded() ? "embedded" : "remote")
                .withData("deployed", engine.isDeployed())
                .withData("pendingOutboxCommands", outbox.pendingCount());
        try {
            Topology topology = client.newTopologyRequest().requestTimeout(Duration.ofSeconds(2)).send().join();
            answer.withData("brokers", topology.getBrokers().size()).withData("gatewayVersion", String.valueOf(topology.getGatewayVersion()));
            return answer.status(engine.isDeployed()).build();
        } catch (RuntimeException unavailable) {
            return answer.withData("error", unavailable.getClass().getSimpleName()).down().build();
        }
    }
}
