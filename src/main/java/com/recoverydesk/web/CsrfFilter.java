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
 * Refuses a state-changing request that does not carry the browser's CSRF token (double submit:
 * the {@value CsrfToken#COOKIE} cookie repeated in the form field {@value CsrfToken#FIELD} or the
 * header {@value CsrfToken#HEADER}).
 *
 * <ul>
 *   <li>Every form post (URL-encoded, multipart, plain text) needs it, signed in or not: a forged
 *       sign-in or intake is an attack too.</li>
 *   <li>Every other unsafe request that carries the session cookie needs it, whatever its
 *       Content-Type or none: a page on another port of the same host is the same site, so
 *       SameSite=Strict does not keep the cookie off a body-less {@code fetch} from it.</li>
 *   <li>A call with a bearer token is not a cookie call: a browser never adds one to a forged
 *       request, and API clients have no CSRF cookie.</li>
 * </ul>
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
        if (SAFE_METHODS.contains(context.getMethod())) {
            return;
        }
        String authorization = context.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return;
        }
        boolean form = isForm(context.getMediaType());
        if (!form && routing.request().getCookie(SessionCookie.NAME) == null) {
            return; // no cookie, no ambient authority to abuse: the public JSON API
        }
        String presented = context.getHeaderString(CsrfToken.HEADER);
        if (presented == null && form) {
            ResteasyReactiveRequestContext request = (ResteasyReactiveRequestContext) context.getServerRequestContext();
            Object field = request.getFormParameter(CsrfToken.FIELD, true, false);
            presented = field instanceof String s ? s : null;
        }
        if (CsrfToken.matches(CsrfToken.fromCookie(routing), presented)) {
            return;
        }
        String path = routing.normalizedPath();
        if (!form) {
            context.abortWith(jakarta.ws.rs.core.Response.status(403).type(Problem.MEDIA_TYPE)
                    .entity(new Problem("about:blank", "Forbidden", 403,
                            "A request with the session cookie must carry the CSRF token (header " + CsrfToken.HEADER + ").", path, null))
                    .build());
            return;
        }
        context.abortWith(jakarta.ws.rs.core.Response.status(400).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(errorPages.render(400, RequesterProblems.FORM_EXPIRED_TITLE, RequesterProblems.text(RequesterProblems.REQUEST_FORM_EXPIRED,
                        "For your security, the form was not accepted. Go back, reload the page and send it again.", errorPages.locale())))
                .build());
    }

    /** What an HTML form can send across sites: URL-encoded, multipart and plain text. */
    private static boolean isForm(MediaType type) {
        return type != null && (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)
                || type.isCompatible(MediaType.TEXT_PLAIN_TYPE));
    }
}
