package com.recoverydesk.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import io.vertx.ext.web.RoutingContext;
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

    /** The routes that take uploads: the only ones a client streams a large body to. */
    private static final List<String> UPLOAD_PATHS = List.of("/api/v1/my-case/evidence", "/recover/case/evidence");
    /** After the filters (security headers, the language, the announced-size check), before Quarkus REST reads the body. */
    private static final int CHUNKED_SPOOL_ORDER = -10;

    private final long maxBytes;
    private final String uploadsDirectory;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBodySize,
                     @ConfigProperty(name = "quarkus.http.body.uploads-directory", defaultValue = "file-uploads") String uploadsDirectory) {
        this.maxBytes = maxBodySize.asLongValue();
        this.uploadsDirectory = uploadsDirectory;
    }

    /** A page of its own: the layout needs the request's identity, which this early filter does not have. */
    private static String page(RequesterWords words, String title, String text, String back) {
        return "<!DOCTYPE html><html lang=\"" + words.htmlLang() + "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>" + title + " · Recovery Desk</title>"
                + "<link rel=\"stylesheet\" href=\"/css/desk.css\"></head><body><main id=\"main\" class=\"page\">"
                + "<section class=\"card narrow\"><h1>" + title + "</h1><p>" + text + "</p><p><a href=\""
                + back + "\">" + words.back() + "</a></p></section></main></body></html>";
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
            long[] drained = {0};
            rc.request().handler(chunk -> {
                drained[0] += chunk.length();
                if (drained[0] > DRAIN_LIMIT) {
                    rc.request().connection().close();
                }
            });
            rc.request().endHandler(v -> answerTooLarge(rc));
            rc.request().resume();
        }, 90);
    }

    /**
     * A body of unknown length (HTTP/1.1 chunked) is only found too large while it is read. Quarkus REST
     * reads an upload itself and answers a bare 413 when it runs over; so a chunked upload is read
     * first by Vert.x's body handler (the same limit and spool directory), whose overrun fails the
     * request with 413, and that failure gets the same answer as an announced one. Within the limit,
     * Quarkus REST takes the form the body handler parsed.
     */
    void tooLargeWhileRead(@Observes Router router) {
        BodyHandler spool = BodyHandler.create(uploadsDirectory).setBodyLimit(maxBytes).setHandleFileUploads(true)
                .setDeleteUploadedFilesOnEnd(true).setMergeFormAttributes(true);
        for (String path : UPLOAD_PATHS) {
            router.post(path).order(CHUNKED_SPOOL_ORDER).handler(rc -> {
                // HTTP/2 has no chunked encoding, and Quarkus REST cannot take over an HTTP/2 request whose
                // body was read already: an HTTP/2 upload must say its length (browsers always do), so
                // that the announced-size check above answers it before it is read
                if (rc.request().headers().contains("Content-Length")) {
                    rc.next();
                } else if (rc.request().version() == HttpVersion.HTTP_2) {
                    answerLengthRequired(rc);
                } else {
                    spool.handle(rc);
                }
            });
        }
        router.route().order(Integer.MIN_VALUE).failureHandler(rc -> {
            if (rc.statusCode() == 413 && !rc.response().ended() && !rc.response().headWritten()) {
                answerTooLarge(rc);
            } else {
                rc.next();
            }
        });
    }

    private void answerTooLarge(RoutingContext rc) {
        long megabytes = Math.max(1, maxBytes / (1024 * 1024));
        RequesterWords words = RequesterLanguage.words(RequesterLanguage.of(rc.request()));
        answer(rc, words, 413, "Payload Too Large", "The upload is larger than the " + megabytes + " MB this service accepts. Choose a smaller file.",
                words.errorTitle413(), words.fileTooLargePage(megabytes));
    }

    private void answerLengthRequired(RoutingContext rc) {
        RequesterWords words = RequesterLanguage.words(RequesterLanguage.of(rc.request()));
        answer(rc, words, 411, "Length Required", "Send the upload with its Content-Length: an upload of unknown length over HTTP/2 is not taken.",
                words.errorTitle400(), words.problemLengthRequired());
    }

    /** Problem details for the API, else a page in the requester's language ({@code words}, whose texts the caller chose). */
    private static void answer(RoutingContext rc, RequesterWords words, int status, String title, String detail, String pageTitle,
                               String pageText) {
        if (rc.response().ended()) {
            return;
        }
        String path = rc.normalizedPath();
        boolean api = path.startsWith("/api/") || path.startsWith("/q/");
        String body = api
                ? new JsonObject().put("type", "about:blank").put("title", title).put("status", status).put("detail", detail)
                .put("instance", path).encode()
                : page(words, pageTitle, pageText, path.startsWith("/recover") ? "/recover/case" : "/");
        rc.response().setStatusCode(status).putHeader("Content-Type", api ? Problem.MEDIA_TYPE : "text/html;charset=UTF-8").end(body);
    }
}
