package com.recoverydesk.web;

import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address the service is reached at from outside, which mailed links start with:
 * {@code recovery.public-url} when set (behind a load balancer it must be), else this machine at
 * the port the service actually listens on (the demo started with another port, the tests).
 */
@ApplicationScoped
public class PublicUrl {

    private final Optional<String> configured;
    private volatile String base;

    public PublicUrl(@ConfigProperty(name = "recovery.public-url") Optional<String> configured) {
        this.configured = configured.map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    public String base() {
        if (base == null) {
            // read late: with port 0 Quarkus knows the real port only once it listens
            base = configured.orElseGet(() -> "http://localhost:" + ConfigProvider.getConfig()
                    .getValue(LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port", Integer.class));
        }
        return base;
    }

    public String of(String path) {
        return base() + path;
    }
}
