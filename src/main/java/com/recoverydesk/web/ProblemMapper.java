package com.recoverydesk.web;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become answers. The API gets problem details; a screen gets a
 * readable page (or the login page when the session is missing). Stack traces, SQL and internal
 * ids stay in the log, tagged with an error id the user can quote.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    private final ErrorPages errorPages;

    public ProblemMapper(ErrorPages errorPages) {
        this.errorPages = errorPages;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri, HttpHeaders headers) {
        Response.ResponseBuilder answer = answer(e.status(), e.title(), e.code(), e.getMessage(), null, uri, headers);
        if (e.retryAfter() != null) {
            answer.header("Retry-After", Math.max(1, e.retryAfter().toSeconds()));
        }
        return answer.build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri, HttpHeaders headers) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        return answer(400, "Invalid request", RequesterProblems.REQUEST_INVALID_FIELDS, "Some fields are missing or invalid.", errors, uri, headers).build();
    }

    /** A body that is not JSON, or JSON with a value of the wrong type: say which field, not an empty 400. */
    @ServerExceptionMapper({com.fasterxml.jackson.core.JsonProcessingException.class,
            com.fasterxml.jackson.databind.exc.MismatchedInputException.class,
            com.fasterxml.jackson.databind.exc.InvalidFormatException.class,
            com.fasterxml.jackson.core.JsonParseException.class})
    public Response unreadableJson(com.fasterxml.jackson.core.JsonProcessingException e, UriInfo uri, HttpHeaders headers) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
            return answer(400, "Invalid request", RequesterProblems.REQUEST_WRONG_TYPE, "Some fields have a value of the wrong type.",
                    List.of(new Problem.FieldError(field, "has the wrong type")), uri, headers).build();
        }
        return answer(400, "Invalid request", RequesterProblems.REQUEST_NOT_HANDLED, "The body is not valid JSON.", null, uri, headers).build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri, HttpHeaders headers) {
        if (wantsPage(uri, headers)) {
            // the cookie (if any) is expired or signed out: drop it, or the login page would refuse it too
            String next = uri.getRequestUri().getRawPath();
            // requesters have no login: their way back in is a new code
            String login = next.startsWith("/recover") ? "/recover?sessionEnded=1"
                    : next.startsWith("/login") ? "/login" : "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
            Response.ResponseBuilder redirect = Response.seeOther(URI.create(login));
            // only a cookie the request brought is dropped: a cross-site link arrives without the
            // (SameSite=Strict) cookie, and must not sign out the good session it did not show
            if (headers.getCookies().containsKey(SessionCookie.NAME)) {
                redirect.cookie(SessionCookie.cleared());
            }
            return redirect.build();
        }
        return answer(401, "Unauthorized", null, "A valid access token is required.", null, uri, headers)
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, HttpHeaders headers) {
        return answer(403, "Forbidden", RequesterProblems.REQUEST_NOT_HANDLED, "Your role does not allow this.", null, uri, headers).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        if (status >= 300 && status < 400) {
            return e.getResponse();
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        String code = status == 404 ? RequesterProblems.REQUEST_NOTHING_HERE
                : status == 415 ? RequesterProblems.REQUEST_UNSUPPORTED_TYPE : RequesterProblems.REQUEST_NOT_HANDLED;
        String detail = status == 404 ? "There is nothing here." : status == 415 ? "This content type is not accepted here." : title + ".";
        if (status >= 500) {
            return unexpected(e, uri, headers);
        }
        if (status == 400 && e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException unreadable) {
            return unreadableJson(unreadable, uri, headers);
        }
        return answer(status, title, code, detail, null, uri, headers).build();
    }

    /**
     * A multipart body that ends before its closing boundary (a dropped upload, a client bug) is the
     * client's mistake; any other I/O failure is ours.
     */
    @ServerExceptionMapper
    public Response io(java.io.IOException e, UriInfo uri, HttpHeaders headers) {
        if (e.getMessage() != null && e.getMessage().contains("multipart")) {
            return answer(400, "Invalid request", RequesterProblems.REQUEST_UPLOAD_CUT_OFF,
                    "The upload was cut off or damaged on the way. Send the file again.", null, uri, headers).build();
        }
        return unexpected(e, uri, headers);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri, HttpHeaders headers) {
        String errorId = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(e, "Unexpected error %s on %s", errorId, uri.getPath());
        String detail = "Something went wrong on our side. Quote error id " + errorId + " to the support team.";
        if (wantsPage(uri, headers)) {
            return page(500, "Internal error", RequesterProblems.internal(errorId, errorPages.locale())).build();
        }
        return answer(500, "Internal error", null, detail, null, uri, headers).build();
    }

    /**
     * Problem details for the API; for a screen, a page whose text is the refusal's in the page's
     * language (found by its code; the English text where it has none).
     */
    private Response.ResponseBuilder answer(int status, String title, String code, String detail, List<Problem.FieldError> errors,
                                            UriInfo uri, HttpHeaders headers) {
        if (wantsPage(uri, headers)) {
            return page(status, title, RequesterProblems.text(code, detail, errorPages.locale()));
        }
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, uri.getRequestUri().getRawPath(), errors));
    }

    private Response.ResponseBuilder page(int status, String title, String text) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(errorPages.render(status, title, text));
    }

    /** Screens are everything outside the JSON API that a browser asks for as HTML. */
    static boolean wantsPage(UriInfo uri, HttpHeaders headers) {
        String path = uri.getPath();
        if (path.startsWith("/api/") || path.startsWith("/q/")) {
            return false;
        }
        return headers.getAcceptableMediaTypes().stream().anyMatch(m -> m.isCompatible(MediaType.TEXT_HTML_TYPE) && !m.isWildcardType());
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
