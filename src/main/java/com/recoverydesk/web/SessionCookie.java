package com.recoverydesk.web;

import jakarta.ws.rs.core.NewCookie;

/**
 * The screens' session: the staff member's JWT in an HttpOnly, Secure, SameSite=Strict cookie
 * that SmallRye JWT reads ({@code mp.jwt.token.cookie}).
 */
public final class SessionCookie {

    public static final String NAME = "rd_session";

    private SessionCookie() {
    }

    public static NewCookie holding(String token, long maxAgeSeconds) {
        return builder().value(token).maxAge((int) maxAgeSeconds).build();
    }

    /** Tells the browser to drop the cookie, after sign-out or when its token is no longer good. */
    public static NewCookie cleared() {
        return builder().value("").maxAge(0).build();
    }

    private static NewCookie.Builder builder() {
        return new NewCookie.Builder(NAME).path("/").httpOnly(true).secure(true).sameSite(NewCookie.SameSite.STRICT);
    }
}
