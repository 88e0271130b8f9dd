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

    public record EnrolmentView(boolean enrolled, String secret, String provisioningUri) {}

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
    public Response enrol(@FormParam("secret") String secret, @FormParam("code") String code) {
        try {
            auth.enrolTotp(jwt.getName(), secret, code == null ? null : code.trim());
            return Response.seeOther(URI.create("/account/security?enrolled=1")).build();
        } catch (ProblemException | IllegalArgumentException e) {
            String message = e instanceof ProblemException ? e.getMessage() : "The enrolment form was damaged. Start again.";
            return Response.status(400).entity(Templates.security(enrolment(secret), message, null)).build();
        }
    }

    private EnrolmentView newEnrolment() {
        return enrolment(Totp.newSecret());
    }

    private EnrolmentView enrolment(String secret) {
        String safeSecret = secret != null && secret.matches("[A-Z2-7]{16,64}") ? secret : Totp.newSecret();
        return new EnrolmentView(auth.hasTotp(jwt.getName()), safeSecret,
                Totp.provisioningUri("Recovery Desk", jwt.getName(), safeSecret));
    }
}
