package com.recoverydesk.admin;

import com.recoverydesk.audit.Actor;
import com.recoverydesk.audit.CaseReferences;
import com.recoverydesk.compliance.RetentionService;
import com.recoverydesk.compliance.RetentionStateView;
import com.recoverydesk.identity.Roles;
import com.recoverydesk.web.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The case's retention screen: find a case by ticket, see its retention, hold or release it (the
 * admin and compliance, who handles disputes, as in the API), and erase a closed case's personal
 * data on request (the admin only). Each action posts and redirects back.
 */
@Path("/admin/cases")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.ADMIN, Roles.COMPLIANCE})
public class AdminCasePages {

    /** Notices by code, so that a link cannot put words on the page. */
    private static final Map<String, String> NOTICES = Map.of(
            "erased", "The case's evidence and personal fields are erased; the audit trail recorded it with the files' hashes.",
            "held", "The case is held from purge until the hold is released.",
            "released", "The case's holds are released; the purge takes it once its retention has ended.");

    private final RetentionService retention;
    private final CaseReferences cases;
    private final JsonWebToken jwt;

    public AdminCasePages(RetentionService retention, CaseReferences cases, JsonWebToken jwt) {
        this.retention = retention;
        this.cases = cases;
        this.jwt = jwt;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance find(String ticketRef, boolean mayErase, String error);

        static native TemplateInstance retention(RetentionStateView state, boolean mayErase, String notice, String error);
    }

    @GET
    public Response find(@QueryParam("ticketRef") String ticketRef) {
        String ticket = ticketRef == null ? "" : ticketRef.trim().toUpperCase(Locale.ROOT);
        if (ticket.isEmpty()) {
            return Response.ok(Templates.find("", mayErase(), null)).build();
        }
        Optional<String> caseId = cases.caseIdOfTicket(ticket);
        if (caseId.isEmpty()) {
            return Response.status(404).entity(Templates.find(ticket, mayErase(), "No case has the ticket " + ticket + ".")).build();
        }
        return Response.seeOther(URI.create("/admin/cases/" + encode(caseId.get()))).build();
    }

    @GET
    @Path("/{caseId}")
    public TemplateInstance show(@PathParam("caseId") String caseId, @QueryParam("done") String done) {
        return Templates.retention(retention.state(caseId), mayErase(), done == null ? null : NOTICES.get(done), null);
    }

    @POST
    @Path("/{caseId}/erasure")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response erase(@PathParam("caseId") String caseId, @FormParam("reason") String reason, @FormParam("confirm") String confirm) {
        return act(caseId, "erased", () -> {
            if (!"yes".equals(confirm)) {
                throw ProblemException.badRequest("Tick the box to confirm: an erasure cannot be undone.");
            }
            retention.erase(caseId, reason, me());
        });
    }

    @POST
    @Path("/{caseId}/hold")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response hold(@PathParam("caseId") String caseId, @FormParam("note") String note) {
        return act(caseId, "held", () -> retention.placeHold(caseId, note, me()));
    }

    @POST
    @Path("/{caseId}/hold-release")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response release(@PathParam("caseId") String caseId, @FormParam("note") String note) {
        return act(caseId, "released", () -> retention.releaseHolds(caseId, note, me()));
    }

    private Response act(String caseId, String done, Runnable action) {
        try {
            action.run();
            return Response.seeOther(URI.create("/admin/cases/" + encode(caseId) + "?done=" + done)).build();
        } catch (ProblemException refused) {
            if (refused.status() == 404) {
                throw refused;
            }
            return Response.status(refused.status()).entity(Templates.retention(retention.state(caseId), mayErase(), null, refused.getMessage())).build();
        }
    }

    private boolean mayErase() {
        return jwt.getGroups().contains(Roles.ADMIN);
    }

    /** An admin acts as admin; a compliance officer without the admin role as compliance. */
    private Actor me() {
        return Actor.staff(jwt.getName(), mayErase() ? Roles.ADMIN : Roles.COMPLIANCE);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
