package com.recoverydesk.process;

import com.recoverydesk.engine.EmbeddedEngine;
import com.recoverydesk.engine.EngineOverview;
import com.recoverydesk.engine.EngineSettings;
import io.camunda.client.CamundaClient;
import io.camunda.client.CamundaClientBuilder;
import io.camunda.client.CredentialsProvider;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Starts the embedded engine (in {@code embedded} mode only), builds the one Camunda client the
 * app uses, and deploys the processes. Workers and the outbox dispatcher start after this.
 */
@ApplicationScoped
public class ProcessEngine {

    /** Before the workers and the dispatcher, which observe the start-up later. */
    public static final int STARTUP_ORDER = 10;
    private static final Logger LOG = Logger.getLogger(ProcessEngine.class);

    private final EngineConfig config;
    private final DataSource dataSource;
    private EmbeddedEngine embedded;
    private CamundaClient client;
    private ScheduledExecutorService deployer;
    private volatile boolean deployed;

    public ProcessEngine(EngineConfig config, DataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
    }

    void start(@Observes @Priority(STARTUP_ORDER) StartupEvent startup) {
        LOG.infof("Process engine mode: %s (recovery.engine.mode)", config.mode());
        if (config.mode() == EngineConfig.Mode.embedded) {
            embedded = EmbeddedEngine.start(EngineSettings.defaults().withPort(config.port())
                    .withCommandThreads(config.commandThreads()).withTimerMaxAttempts(config.timerMaxAttempts()), dataSource);
            LOG.infof("Embedded process engine listening on 127.0.0.1:%d", embedded.port());
        }
        client = newClient();
        // In the background, embedded or not: a cluster may be restarting while the app starts, and the embedded
        // engine's first call (gRPC channel, protocol classes) and the deployment overlap the rest of the start-up.
        // The readiness check says DOWN until the process is deployed; the outbox retries a start sent before.
        deployer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "process-deployer");
            thread.setDaemon(true);
            return thread;
        });
        deployer.execute(this::deployUntilDone);
    }

    private void deploy() {
        client.newDeployResourceCommand().addResourceFromClasspath(RecoveryProcess.RESOURCE).send().join();
        deployed = true;
        LOG.infof("Deployed %s", RecoveryProcess.RESOURCE);
    }

    private void deployUntilDone() {
        try {
            deploy();
            deployer.shutdown();
        } catch (RuntimeException unavailable) {
            LOG.warnf("Cannot deploy %s to the engine at %s yet (%s); trying again in 5 s", RecoveryProcess.RESOURCE,
                    config.grpcAddress().map(Object::toString).orElse("127.0.0.1 (embedded)"), unavailable.getClass().getSimpleName());
            deployer.schedule(this::deployUntilDone, 5, TimeUnit.SECONDS);
        }
    }

    /** True once the processes are deployed: the engine took our commands at least once. */
    public boolean isDeployed() {
        return deployed;
    }

    /** Last: after the workers and the dispatcher stopped using the client. */
    void stop(@Observes @Priority(100) ShutdownEvent shutdown) {
        if (deployer != null) {
            deployer.shutdownNow();
        }
        // engine first: it ends the workers' open long polls, which a closing client would wait out
        if (embedded != null) {
            embedded.close();
        }
        if (client != null) {
            client.close();
        }
    }

    @Produces
    @Singleton
    CamundaClient client() {
        if (client == null) {
            throw new IllegalStateException("The process engine client is not started yet");
        }
        return client;
    }

    /** The embedded engine's port, if this JVM runs one (tests, operations view). */
    public Optional<Integer> embeddedPort() {
        return Optional.ofNullable(embedded).map(EmbeddedEngine::port);
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /**
     * What the embedded engine is running, for the operations view: the gateway API cannot list
     * instances (on a real cluster, Operate shows them). Empty in remote mode.
     */
    public Optional<EngineOverview> overview() {
        return Optional.ofNullable(embedded).map(EmbeddedEngine::overview);
    }

    private CamundaClient newClient() {
        CamundaClientBuilder builder = CamundaClient.newClientBuilder()
                .preferRestOverGrpc(false)
                // long polling only: one delivery path, the same on the embedded engine and on a cluster
                .defaultJobWorkerStreamEnabled(false)
                .defaultRequestTimeout(Duration.ofSeconds(20))
                .defaultJobWorkerName("recovery-desk")
                .numJobWorkerExecutionThreads(config.handlerThreads());
        if (embedded != null) {
            return builder.grpcAddress(URI.create("http://127.0.0.1:" + embedded.port())).build();
        }
        URI address = config.grpcAddress().orElseThrow(() ->
                new IllegalStateException("recovery.engine.mode=remote needs recovery.engine.grpc-address"));
        builder.grpcAddress(address);
        if (config.clientId().isPresent()) {
            builder.credentialsProvider(CredentialsProvider.newCredentialsProviderBuilder()
                    .clientId(config.clientId().get())
                    .clientSecret(config.clientSecret().orElseThrow(() -> new IllegalStateException("recovery.engine.client-secret is missing")))
                    .audience(config.audience().orElse("zeebe-api"))
                    .authorizationServerUrl(config.authorizationServerUrl().orElseThrow(() ->
                            new IllegalStateException("recovery.engine.authorization-server-url is missing")))
                    .build());
        }
        return builder.build();
    }
}
