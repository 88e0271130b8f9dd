package com.recoverydesk.process;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the process engine is: the embedded engine inside this JVM (the default), or a real
 * Zeebe / Camunda 8 cluster reached through its gateway ({@code remote}). Either way the app
 * talks to it only through the official Camunda client over gRPC.
 */
@ConfigMapping(prefix = "recovery.engine")
public interface EngineConfig {

    enum Mode { embedded, remote }

    Mode mode();

    /** Embedded: the loopback port of the engine's gateway; 0 picks a free port. */
    int port();

    /** Embedded: threads that run engine commands (each holds a database connection while it runs). */
    @WithDefault("4")
    int commandThreads();

    /** Remote: the cluster's gateway address, e.g. {@code https://zeebe.example.internal:26500}. */
    Optional<URI> grpcAddress();

    /** Remote: OAuth client credentials (Camunda SaaS and self-managed with Identity/Keycloak). */
    Optional<String> clientId();

    Optional<String> clientSecret();

    Optional<String> audience();

    Optional<String> authorizationServerUrl();

    /** How long workers keep a job before the engine hands it to another worker. */
    @WithDefault("PT1M")
    Duration jobTimeout();

    /**
     * Threads that run job handlers, shared by all workers (the Camunda client's default is one, which
     * queues every job behind one slow step until their timeouts redeliver them).
     */
    @WithDefault("8")
    int handlerThreads();

    /** Jobs one worker holds at a time; more than the handler threads keeps them busy between polls. */
    @WithDefault("16")
    int maxJobsActive();

    /**
     * Embedded: failed tries after which a timer stops retrying (1 s, 2 s, 4 s … up to 5 minutes apart) and
     * raises an incident on the admin processes screen; its Retry makes the timer due again.
     */
    @WithDefault("10")
    int timerMaxAttempts();

    /** How long a failing job waits before its next try. */
    @WithDefault("PT10S")
    Duration retryBackoff();
}
