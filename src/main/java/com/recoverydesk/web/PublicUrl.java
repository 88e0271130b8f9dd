package com.recoverydesk.web;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The address the service is reached at from outside, which mailed links start with. */
@ApplicationScoped
public class PublicUrl {

    private final String base;

    public PublicUrl(@ConfigProperty(name = "recovery.public-url", defaultValue = "http://localhost:8080") String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public String base() {
        return base;
    }

    public String of(String path) {
        return base + path;
    }
}
