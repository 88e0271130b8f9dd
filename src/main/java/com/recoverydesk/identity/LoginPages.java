package com.recoverydesk.identity;

import com.recoverydesk.web.ClientAddress;
import com.recoverydesk.web.CsrfToken;
import com.recoverydesk.web.ProblemException;
import com.recoverydesk.web.SessionCookie;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The staff sign-in screen. A successful sign-in sets the session cookie that the screens use. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class LoginPages {

    private final StaffAuthService auth;
    private final JsonWebToken jwt;

    public LoginPages(StaffAuthService auth, JsonWebToken jwt) {
        this.auth = auth;
        this.jwt = jwt;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(LoginForm form, String error, String notice);
    }

    public record LoginForm(String username, String next) {}

    @GET
    @Path("login")
    @PermitAll
    public TemplateInstance form(@QueryParam("next") String next, @QueryParam("signedOut") String signedOut) {
        return Templates.login(new LoginForm("", safeNext(next)), null, signedOut != null ? "You are signed out." : null);
    }

    @POST
    @Path("login")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("username") String username, @FormParam("password") String password,
                           @FormParam("totp") String totp, @FormParam("next") String next,
                           @Context HttpServerRequest http) {
        String target = safeNext(next);
        try {
            StaffAuthService.SignedIn signedIn = auth.signIn(username, password, blankToNull(totp), ClientAddress.of(http));
            NewCookie session = SessionCookie.holding(signedIn.token().token(), signedIn.token().expiresInSeconds());
            return Response.seeOther(URI.create(target)).cookie(session, CsrfToken.rotated()).build();
        } catch (PasswordChangeRequiredException change) {
            return Response.ok(PasswordChangePages.form(change.ticket(), target, null)).build();
        } catch (ProblemException failed) {
            Response.ResponseBuilder page = Response.status(failed.status())
                    .entity(Templates.login(new LoginForm(username == null ? "" : username, target), failed.getMessage(), null));
            if (failed.retryAfter() != null) {
                page.header("Retry-After", Math.max(1, failed.retryAfter().toSeconds()));
            }
            return page.build();
        }
    }

    @POST
    @Path("logout")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut() {
        if (jwt.getRawToken() != null) {
            auth.signOut(jwt.getName(), jwt.getGroups(), jwt.getTokenID(), Instant.ofEpochSecond(jwt.getExpirationTime()));
        }
        return Response.seeOther(URI.create("/login?signedOut=1")).cookie(SessionCookie.cleared(), CsrfToken.rotated()).build();
    }

    /**
     * Only a path on this site: "//evil.example" or "https://…" would make sign-in an open redirect.
     * Spaces, control characters (a CR/LF would split the Location header) and anything that is
     * not a valid URI path send the user home instead.
     */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\") || next.startsWith("/login")
                || !next.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return "/";
        }
        try {
            URI parsed = new URI(next);
            return parsed.getScheme() == null && parsed.getRawAuthority() == null ? next : "/";
        } catch (java.net.URISyntaxException invalid) {
            return "/";
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
