package com.recoverydesk.web;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Refuses a form post (URL-encoded, multipart or plain text) whose CSRF field does not match the browser's
 * CSRF cookie. Calls that carry a bearer token are exempt: a browser never adds one to a forged
 * cross-site request, and API clients have no CSRF cookie.
 */
public class CsrfFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final ErrorPages errorPages;

    public CsrfFilter(ErrorPages errorPages) {
        this.errorPages = errorPages;
    }

    @ServerRequestFilter
    @WithFormRead
    public void verify(ResteasyReactiveContainerRequestContext context, RoutingContext routing) {
        if (SAFE_METHODS.contains(context.getMethod()) || !isForm(context.getMediaType())) {
            return;
        }
        String authorization = context.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return;
        }
        ResteasyReactiveRequestContext request = (ResteasyReactiveRequestContext) context.getServerRequestContext();
        Object field = request.getFormParameter(CsrfToken.FIELD, true, false);
        if (!CsrfToken.matches(CsrfToken.fromCookie(routing), field instanceof String s ? s : null)) {
            context.abortWith(jakarta.ws.rs.core.Response.status(400).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(errorPages.render(400, "This form has expired",
                            "For your security, the form was not accepted. Go back, reload the page and send it again."))
                    .build());
        }
    }

    /** What an HTML form can send across sites: URL-encoded, multipart and plain text. */
    private static boolean isForm(MediaType type) {
        return type != null && (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)
                || type.isCompatible(MediaType.TEXT_PLAIN_TYPE));
    }
}
