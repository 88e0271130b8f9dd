package com.recoverydesk.intake;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "recovery.intake")
public interface IntakeConfig {

    /** How long a mailed code and link stay good. */
    @WithDefault("PT15M")
    Duration codeLifetime();

    /** Wrong codes after which the pending request is burnt. */
    @WithDefault("5")
    int maxCodeAttempts();

    /** Requests one address may file per {@link #requestWindow()}. */
    @WithDefault("5")
    int requestsPerAddress();

    /** Requests one client IP may file per {@link #requestWindow()}. */
    @WithDefault("30")
    int requestsPerClient();

    /** Confirmation attempts one client IP may make per {@link #requestWindow()}. */
    @WithDefault("30")
    int confirmationsPerClient();

    /**
     * Confirmation attempts per address per {@link #requestWindow()}, from any client: spread over
     * many addresses, guesses at one request still meet a limit (the request burns after
     * {@link #maxCodeAttempts()} anyway; this also covers the requests filed anew).
     */
    @WithDefault("20")
    int confirmationsPerAddress();

    @WithDefault("PT1H")
    Duration requestWindow();

    /** Lifetime of the requester's case token; a new confirmation issues a new one. */
    @WithDefault("PT24H")
    Duration caseTokenLifetime();

    /**
     * The request header in which the load balancer or CDN passes the client's ISO country code
     * (e.g. {@code CF-IPCountry}); the risk assessment compares it with the account's usual countries.
     */
    java.util.Optional<String> countryHeader();

}
