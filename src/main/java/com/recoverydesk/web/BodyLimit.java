package com.recoverydesk.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.vertx.core.json.JsonObject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body announced larger than {@code quarkus.http.limits.max-body-size} gets a readable answer
 * (problem details for the API, a page for a screen) instead of the server's bare 413. The body
 * is read and thrown away first, up to a bound, so that the browser is still listening when the
 * answer comes; past the bound the connection is closed.
 */
@ApplicationScoped
public class BodyLimit {

    /** How much of an oversized body is drained before giving up on the client reading the answer. */
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private final long maxBytes;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
    }

    /** A page of its own: the layout needs the request's identity, which this early filter does not have. */
    private static String page(String detail, String back) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, "
                + "initial-scale=1\"><title>The file is too large · Recovery Desk</title><link rel=\"stylesheet\" href=\"/css/desk.css\">"
                + "</head><body><main id=\"main\" class=\"page\"><section class=\"card narrow\"><h1>The file is too large</h1><p>"
                + detail + "</p><p><a href=\"" + back + "\">Back</a></p>"
                + "</section></main></body></html>";
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String length = rc.request().getHeader("Content-Length");
            long announced;
            try {
                announced = length == null ? -1 : Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                announced = -1;
            }
            if (announced <= maxBytes) {
                rc.next();
                return;
            }
            String path = rc.normalizedPath();
            boolean api = path.startsWith("/api/") || path.startsWith("/q/");
            long megabytes = Math.max(1, maxBytes / (1024 * 1024));
            String detail = "The upload is larger than the " + megabytes + " MB this service accepts. Choose a smaller file.";
            String body = api
                    ? new JsonObject().put("type", "about:blank").put("title", "Payload Too Large").put("status", 413)
                    .put("detail", detail).put("instance", path).encode()
                    : page("Files can be at most " + megabytes + " MB. Go back, choose a smaller file (a photo at a lower "
                    + "resolution, or a scan as PDF) and upload it again.", path.startsWith("/recover") ? "/recover/case" : "/");
            String type = api ? Problem.MEDIA_TYPE : "text/html;charset=UTF-8";
            long[] drained = {0};
            rc.request().handler(chunk -> {
                drained[0] += chunk.length();
                if (drained[0] > DRAIN_LIMIT) {
                    rc.request().connection().close();
                }
            });
            rc.request().endHandler(v -> {
                if (!rc.response().ended()) {
                    rc.response().setStatusCode(413).putHeader("Content-Type", type).end(body);
                }
            });
            rc.request().resume();
        }, 90);
    }
}
