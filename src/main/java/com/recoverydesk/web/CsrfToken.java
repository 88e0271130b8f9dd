package com.recoverydesk.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The CSRF token of the browser (double-submit cookie): a random value kept in the HttpOnly,
 * SameSite=Strict cookie {@value #COOKIE} and repeated in every form ({@code {#csrf /}} writes
 * it through {@code inject:csrf}). {@link CsrfFilter} compares the two on every form post.
 */
@Named("csrf")
@RequestScoped
public class CsrfToken {

    public static final String COOKIE = "rd_csrf";
    public static final String FIELD = "csrf-token";
    /** Where a script or API client with the cookie sends the token, for requests that are not forms. */
    public static final String HEADER = "X-CSRF-Token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RoutingContext request;
    private String token;

    public CsrfToken(RoutingContext request) {
        this.request = request;
    }

    /** The browser's token, created (and its cookie set) the first time a page needs one. */
    public String getToken() {
        if (token == null) {
            token = fromCookie(request);
            if (token == null) {
                token = newValue();
                request.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(true)
                        .setSecure(true).setSameSite(CookieSameSite.STRICT));
            }
        }
        return token;
    }

    /**
     * A new token for the browser, set when someone signs in or out: a token that an attacker
     * planted or read before sign-in (or that the previous user of the browser had) is worth
     * nothing afterwards.
     */
    public static jakarta.ws.rs.core.NewCookie rotated() {
        return new jakarta.ws.rs.core.NewCookie.Builder(COOKIE).value(newValue()).path("/").httpOnly(true).secure(true)
                .sameSite(jakarta.ws.rs.core.NewCookie.SameSite.STRICT).build();
    }

    private static String newValue() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String getParameterName() {
        return FIELD;
    }

    static String fromCookie(RoutingContext request) {
        Cookie cookie = request.request().getCookie(COOKIE);
        String value = cookie == null ? null : cookie.getValue();
        return value != null && value.matches("[A-Za-z0-9_-]{32}") ? value : null;
    }

    static boolean matches(String cookieToken, String formToken) {
        return cookieToken != null && formToken != null
                && MessageDigest.isEqual(cookieToken.getBytes(StandardCharsets.US_ASCII), formToken.getBytes(StandardCharsets.US_ASCII));
    }
}
