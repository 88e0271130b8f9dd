package com.recoverydesk.intake;

import com.recoverydesk.web.ClientAddress;
import com.recoverydesk.web.CsrfToken;
import com.recoverydesk.web.ProblemException;
import com.recoverydesk.web.RequesterLanguage;
import com.recoverydesk.web.RequesterProblems;
import com.recoverydesk.web.RequesterWords;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * The requester's way in, without an account login: file a request, then confirm it with the
 * mailed code or link. Confirmation puts the case token into the session cookie and opens the
 * case page.
 */
@Path("/recover")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class IntakePages {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{2,63}$");

    private final IntakeService intake;
    private final AccessCodeMailer mailer;
    private final IntakeConfig config;

    private final boolean demoMail;
    private final RequesterLanguage language;

    public IntakePages(IntakeService intake, AccessCodeMailer mailer, IntakeConfig config,
                       @org.eclipse.microprofile.config.inject.ConfigProperty(name = "recovery.mail.transport") String mailTransport,
                       RequesterLanguage language) {
        this.language = language;
        this.demoMail = "demo".equals(mailTransport);
        this.intake = intake;
        this.mailer = mailer;
        this.config = config;
    }

    public record RequestForm(String accountEmail, String description) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance request(RequestForm form, String error);

        static native TemplateInstance code(String accountEmail, long minutes, String error, String demoMailbox);

        static native TemplateInstance confirmLink(String linkToken, String error);
    }

    @GET
    public TemplateInstance requestForm(@jakarta.ws.rs.QueryParam("sessionEnded") String sessionEnded,
                                        @jakarta.ws.rs.QueryParam("signedOut") String signedOut) {
        RequesterWords words = language.words();
        return Templates.request(new RequestForm("", ""), signedOut != null ? words.signedOutNotice()
                : sessionEnded != null ? words.sessionEndedNotice() : null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response file(@FormParam("accountEmail") String accountEmail, @FormParam("description") String description,
                         @Context HttpServerRequest http) {
        RequestForm form = new RequestForm(trim(accountEmail), description == null ? "" : description);
        RequesterWords words = language.words();
        String problem = form.accountEmail().isEmpty() || !EMAIL.matcher(form.accountEmail()).matches() || form.accountEmail().length() > 320
                ? words.enterEmail()
                : form.description().isBlank() ? words.tellWhatHappened()
                : form.description().length() > 2000 ? words.descriptionTooLong() : null;
        if (problem != null) {
            return Response.status(400).entity(Templates.request(form, problem)).build();
        }
        try {
            mailer.sendLater(intake.fileRequest(form.accountEmail(), form.description(), ClientAddress.of(http),
                    config.countryHeader().map(http::getHeader), language.current()));
        } catch (ProblemException refused) {
            return withRetryAfter(Response.status(refused.status()).entity(Templates.request(form, RequesterProblems.text(refused, language.current()))), refused);
        }
        return Response.ok(Templates.code(form.accountEmail(), config.codeLifetime().toMinutes(), null, demoMailbox(form.accountEmail()))).build();
    }

    @POST
    @Path("/code")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirmCode(@FormParam("accountEmail") String accountEmail, @FormParam("code") String code,
                                @Context HttpServerRequest http) {
        String email = trim(accountEmail);
        try {
            if (email.isEmpty() || code == null || !code.trim().matches("\\d{6}")) {
                throw ProblemException.badRequest("Enter the 6-digit code from the mail.").withCode("intake.enter-code");
            }
            return opened(intake.confirmWithCode(email, code.trim(), ClientAddress.of(http)));
        } catch (ProblemException refused) {
            return withRetryAfter(Response.status(refused.status())
                    .entity(Templates.code(email, config.codeLifetime().toMinutes(), RequesterProblems.text(refused, language.current()), demoMailbox(email))), refused);
        }
    }

    /** The mailed link shows a button rather than confirming at once: mail scanners open links too. */
    @GET
    @Path("/confirm/{linkToken}")
    public TemplateInstance confirmLinkForm(@PathParam("linkToken") String linkToken) {
        return Templates.confirmLink(linkToken, null);
    }

    @POST
    @Path("/confirm/{linkToken}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirmLink(@PathParam("linkToken") String linkToken) {
        try {
            return opened(intake.confirmWithLink(linkToken));
        } catch (ProblemException refused) {
            return Response.status(refused.status()).entity(Templates.confirmLink(linkToken, RequesterProblems.text(refused, language.current()))).build();
        }
    }

    private Response opened(IntakeService.Confirmed confirmed) {
        return Response.seeOther(URI.create("/recover/case"))
                .cookie(SessionCookie.holding(confirmed.caseToken(), config.caseTokenLifetime().toSeconds()), CsrfToken.rotated())
                .build();
    }

    private static Response withRetryAfter(Response.ResponseBuilder page, ProblemException refused) {
        if (refused.retryAfter() != null) {
            page.header("Retry-After", Math.max(1, refused.retryAfter().toSeconds()));
        }
        return page.build();
    }

    /** In the demo the mail goes to the in-app mailbox: the page links it, for the address typed. */
    private String demoMailbox(String email) {
        return demoMail ? "/demo/mailbox?to=" + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8) : null;
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
