package com.recoverydesk.reset;

import com.recoverydesk.web.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /enrol/{token}}: the new authenticator as a QR code and as text, confirmed with a code;
 * then the backup codes, once. Never cached ({@code no-store}): the page holds a secret.
 */
@Path("/enrol/{token}")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class EnrolmentPages {

    private final EnrolmentService enrolment;

    private final com.recoverydesk.web.RequesterLanguage language;

    public EnrolmentPages(EnrolmentService enrolment, com.recoverydesk.web.RequesterLanguage language) {
        this.language = language;
        this.enrolment = enrolment;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance enrol(String token, EnrolmentService.EnrolmentView view, String error);

        static native TemplateInstance enrolled(EnrolmentService.EnrolledView view);
    }

    @GET
    public Response show(@PathParam("token") String token) {
        EnrolmentService.EnrolmentView view = enrolment.open(token);
        return noStore(statusOf(view.state()), Templates.enrol(token, view, null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirm(@PathParam("token") String token, @FormParam("code") String code) {
        try {
            // shown here and never again: POST-redirect-GET would need the codes stored in clear
            return noStore(200, Templates.enrolled(enrolment.confirm(token, code == null ? null : code.trim())));
        } catch (ProblemException refused) {
            EnrolmentService.EnrolmentView view = enrolment.open(token);
            return noStore(refused.status() == 400 ? 400 : statusOf(view.state()), Templates.enrol(token, view, com.recoverydesk.web.RequesterProblems.text(refused, language.current())));
        }
    }

    private static int statusOf(EnrolmentService.State state) {
        return switch (state) {
            case READY -> 200;
            case UNKNOWN -> 404;
            default -> 410;
        };
    }

    private static Response noStore(int status, TemplateInstance page) {
        return Response.status(status).header("Cache-Control", "no-store").header("Pragma", "no-cache").entity(page).build();
    }
}
