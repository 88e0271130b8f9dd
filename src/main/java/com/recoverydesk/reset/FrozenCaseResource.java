package com.recoverydesk.reset;

import com.recoverydesk.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Frozen cases for supervisors: the list, and reopening one with a note ({@code {note}} → 200). */
@Path("/api/v1/frozen-cases")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SUPERVISOR)
public class FrozenCaseResource {

    public record ReopeningRequest(String note) {}

    private final ResetStatusService status;
    private final ObjectionService objections;
    private final JsonWebToken jwt;

    public FrozenCaseResource(ResetStatusService status, ObjectionService objections, JsonWebToken jwt) {
        this.status = status;
        this.objections = objections;
        this.jwt = jwt;
    }

    @GET
    public List<FrozenCaseView> list() {
        return status.frozenCases();
    }

    @POST
    @Path("/{caseId}/reopening")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, String> reopen(@PathParam("caseId") String caseId, ReopeningRequest request) {
        objections.reopen(caseId, jwt.getName(), request == null ? null : request.note());
        return Map.of("caseId", caseId, "status", "REOPENED");
    }
}
