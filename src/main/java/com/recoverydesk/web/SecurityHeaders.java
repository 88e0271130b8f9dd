package com.recoverydesk.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Security headers on every answer. The Content-Security-Policy forbids inline script; only
 * Swagger UI (a Quarkus page that needs inline script) is spared the strict policy. Everything
 * but the style sheets is {@code no-store}.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /**
     * For evidence files served to reviewers: nothing may run or load, except the browser's own
     * PDF and video viewers (object-src and media-src), which the page policy's object-src 'none' would block.
     */
    static final String EVIDENCE_CSP = "default-src 'none'; img-src 'self'; media-src 'self'; object-src 'self'; "
            + "style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private static final java.util.regex.Pattern EVIDENCE_CONTENT = java.util.regex.Pattern.compile("/api/v1/cases/[^/]+/evidence/[^/]+/content");

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            var headers = rc.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            String path = rc.normalizedPath();
            if (EVIDENCE_CONTENT.matcher(path).matches()) {
                headers.set("Content-Security-Policy", EVIDENCE_CSP);
            } else if (!path.startsWith("/q/swagger-ui")) {
                headers.set("Content-Security-Policy", CSP);
            }
            if (!path.startsWith("/css/")) {
                // pages and API answers carry personal data: after sign-out, Back must not show them from the cache;
                // an answer that chose its own caching (a download) keeps it
                rc.addHeadersEndHandler(v -> {
                    if (!rc.response().headers().contains("Cache-Control")) {
                        rc.response().headers().set("Cache-Control", "no-store");
                    }
                });
            }
            rc.next();
        }, 100);
    }
}
