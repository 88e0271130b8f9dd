package com.recoverydesk.identity;

import com.recoverydesk.web.ProblemException;
import com.recoverydesk.web.SessionCookie;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * The step of the sign-in that follows a password an administrator set: the sign-in page shows
 * this form instead of signing in, and the new password (with the ticket that sign-in issued)
 * signs the staff member in.
 */
@Path("/login/password")
@Produces(MediaType.TEXT_HTML)
public class PasswordChangePages {

    private final PasswordChanges changes;

    public PasswordChangePages(PasswordChanges changes) {
        this.changes = changes;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance passwordChange(String ticket, String next, int minLength, String error);
    }

    static TemplateInstance form(String ticket, String next, String error) {
        return Templates.passwordChange(ticket, next, PasswordChanges.MIN_LENGTH, error);
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response change(@FormParam("ticket") String ticket, @FormParam("password") String password,
                           @FormParam("confirmation") String confirmation, @FormParam("next") String next) {
        String target = LoginPages.safeNext(next);
        try {
            StaffAuthService.SignedIn signedIn = changes.change(ticket, password, confirmation);
            NewCookie session = SessionCookie.holding(signedIn.token().token(), signedIn.token().expiresInSeconds());
            return Response.seeOther(URI.create(target)).cookie(session).build();
        } catch (ProblemException refused) {
            if (changes.isValid(ticket)) {
                return Response.status(refused.status()).entity(form(ticket, target, refused.getMessage())).build();
            }
            return Response.status(refused.status())
                    .entity(LoginPages.Templates.login(new LoginPages.LoginForm("", target), refused.getMessage(), null)).build();
        }
    }
}
