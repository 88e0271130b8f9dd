package com.recoverydesk.requester;

import com.recoverydesk.cases.EvidenceRequirements;
import com.recoverydesk.evidence.CaseEvidenceService;
import com.recoverydesk.evidence.EvidenceKind;
import com.recoverydesk.identity.Roles;
import com.recoverydesk.web.CsrfToken;
import com.recoverydesk.web.ProblemException;
import com.recoverydesk.web.RequesterLanguage;
import com.recoverydesk.web.RequesterProblems;
import com.recoverydesk.web.RequesterWords;
import com.recoverydesk.web.SessionCookie;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** The requester's case page: status in plain words, what is still needed and why, upload, submit, withdraw. */
@Path("/recover/case")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.REQUESTER)
public class RequesterCasePages {

    private final MyCaseService cases;
    private final CaseEvidenceService evidence;
    private final JsonWebToken token;
    private final RequesterLanguage language;

    public RequesterCasePages(MyCaseService cases, CaseEvidenceService evidence, JsonWebToken token, RequesterLanguage language) {
        this.language = language;
        this.cases = cases;
        this.evidence = evidence;
        this.token = token;
    }

    public record KindOption(String value, String label, String accepts) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance myCase(MyCaseView view, List<KindOption> kinds, String notice, String error);
    }

    @GET
    public TemplateInstance show(@QueryParam("notice") String notice) {
        return page(noticeText(notice), null);
    }

    @POST
    @Path("/evidence")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("kind") String kind, @RestForm("file") FileUpload file) {
        try {
            EvidenceKind parsed = MyCaseResource.parseKind(kind);
            if (file == null || file.uploadedFile() == null || file.size() == 0) {
                throw ProblemException.badRequest("Choose a file to upload.").withCode("case.choose-file");
            }
            try (InputStream content = MyCaseResource.open(file)) {
                evidence.upload(cases.caseIdForUpload(token), parsed, content, MyCaseResource.declared(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Response.seeOther(URI.create("/recover/case?notice=uploaded")).build();
        } catch (ProblemException refused) {
            return Response.status(refused.status()).entity(page(null, RequesterProblems.text(refused, language.current()))).build();
        }
    }

    @POST
    @Path("/submission")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit() {
        try {
            evidence.submit(cases.caseIdOf(token));
            return Response.seeOther(URI.create("/recover/case?notice=submitted")).build();
        } catch (ProblemException refused) {
            return Response.status(refused.status()).entity(page(null, RequesterProblems.text(refused, language.current()))).build();
        }
    }

    @POST
    @Path("/withdrawal")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response withdraw() {
        try {
            cases.withdraw(token);
            return Response.seeOther(URI.create("/recover/case?notice=withdrawn")).build();
        } catch (ProblemException refused) {
            return Response.status(refused.status()).entity(page(null, RequesterProblems.text(refused, language.current()))).build();
        }
    }

    /** Ends the requester's session on this device: the token is revoked, the cookies dropped and the CSRF token renewed. */
    @POST
    @Path("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut() {
        cases.signOut(token);
        return Response.seeOther(URI.create("/recover?signedOut=1"))
                .cookie(SessionCookie.cleared(), CsrfToken.rotated()).build();
    }

    private TemplateInstance page(String notice, String error) {
        Locale locale = language.current();
        List<KindOption> kinds = Arrays.stream(EvidenceKind.values())
                .map(k -> new KindOption(k.name(), EvidenceRequirements.kindLabel(k.name(), locale), k.acceptedFormatsSentence()))
                .toList();
        return Templates.myCase(cases.view(token, locale), kinds, notice, error);
    }

    private String noticeText(String notice) {
        if (notice == null) {
            return null;
        }
        RequesterWords words = language.words();
        return switch (notice) {
            case "uploaded" -> words.noticeUploaded();
            case "submitted" -> words.noticeSubmitted();
            case "withdrawn" -> words.noticeWithdrawn();
            default -> null;
        };
    }
}
