package com.recoverydesk.identity;

import com.recoverydesk.web.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** A staff member's own sign-in security: enrol or replace their authenticator (TOTP). */
@Path("/account/security")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.COMPLIANCE, Roles.MANAGER, Roles.ADMIN})
public class AccountPages {

    private final StaffAuthService auth;
    private final IdentityConfig config;
    private final JsonWebToken jwt;

    public AccountPages(StaffAuthService auth, IdentityConfig config, JsonWebToken jwt) {
        this.auth = auth;
        this.config = config;
        this.jwt = jwt;
    }

    public record EnrolmentView(boolean enrolled, String secret, String provisioningUri, String qrCode) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance security(EnrolmentView view, String error, String notice);
    }

    @GET
    public TemplateInstance show(@jakarta.ws.rs.QueryParam("enrolled") String enrolled) {
        return Templates.security(newEnrolment(), null, enrolled != null ? "Your authenticator is enrolled. Sign-in now asks for its code." : null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response enrol(@FormParam("code") String code, @FormParam("currentCode") String currentCode) {
        // the secret is the server's (kept with the account); a secret posted by the client is never used
        try {
            auth.enrolTotp(jwt.getName(), trim(code), trim(currentCode));
            return Response.seeOther(URI.create("/account/security?enrolled=1")).build();
        } catch (ProblemException e) {
            return Response.status(e.status()).entity(Templates.security(newEnrolment(), e.getMessage(), null)).build();
        }
    }

    private EnrolmentView newEnrolment() {
        String secret = auth.pendingTotpSecret(jwt.getName());
        String uri = Totp.provisioningUri("Recovery Desk", jwt.getName(), secret);
        return new EnrolmentView(auth.hasTotp(jwt.getName()), secret, uri, QrCodes.pngDataUri(uri));
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
