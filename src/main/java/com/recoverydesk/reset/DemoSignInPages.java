package com.recoverydesk.reset;

import com.recoverydesk.web.ProblemException;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /demo/sign-in}: the online service's login as the demo shows it. Demo setting only. */
@Path("/demo/sign-in")
@Produces(MediaType.TEXT_HTML)
@PermitAll
@IfBuildProperty(name = "recovery.identity.seed-demo-data", stringValue = "true")
public class DemoSignInPages {

    private final DemoSignInService signIn;

    private final com.recoverydesk.web.RequesterLanguage language;

    public DemoSignInPages(DemoSignInService signIn, com.recoverydesk.web.RequesterLanguage language) {
        this.language = language;
        this.signIn = signIn;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signIn(String email, String error, DemoSignInService.SignInResponse result);
    }

    @GET
    public TemplateInstance form() {
        return Templates.signIn("", null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@FormParam("email") String email, @FormParam("password") String password, @FormParam("totp") String totp) {
        try {
            DemoSignInService.SignInResponse result = signIn.signIn(new DemoSignInService.SignInRequest(email, password, totp), "demo browser");
            return Response.ok(Templates.signIn(email, null, result)).build();
        } catch (ProblemException refused) {
            return Response.status(refused.status()).entity(Templates.signIn(email == null ? "" : email, com.recoverydesk.web.RequesterProblems.text(refused, language.current()), null)).build();
        }
    }
}
