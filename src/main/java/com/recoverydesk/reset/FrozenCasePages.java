package com.recoverydesk.reset;

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
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The supervisors' list of frozen cases, each with the account's security state, and the reopening with a note. */
@Path("/supervisor/frozen-cases")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.SUPERVISOR)
public class FrozenCasePages {

    private final ResetStatusService status;
    private final ObjectionService objections;
    private final JsonWebToken jwt;

    public FrozenCasePages(ResetStatusService status, ObjectionService objections, JsonWebToken jwt) {
        this.status = status;
        this.objections = objections;
        this.jwt = jwt;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance frozen(java.util.List<FrozenCaseView> cases, String notice, String error);
    }

    @GET
    public TemplateInstance list(@QueryParam("reopened") String reopened) {
        return Templates.frozen(status.frozenCases(), reopened != null ? "The case is reopened: the reset is announced again, with a new cooling-off." : null, null);
    }

    @POST
    @Path("/{caseId}/reopening")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reopen(@PathParam("caseId") String caseId, @FormParam("note") String note) {
        try {
            objections.reopen(caseId, jwt.getName(), note);
            return Response.seeOther(URI.create("/supervisor/frozen-cases?reopened=1")).build();
        } catch (ProblemException refused) {
            return Response.status(refused.status()).entity(Templates.frozen(status.frozenCases(), null, refused.getMessage())).build();
        }
    }
}
