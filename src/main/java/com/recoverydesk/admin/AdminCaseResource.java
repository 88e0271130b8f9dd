package com.recoverydesk.admin;

import com.recoverydesk.audit.Actor;
import com.recoverydesk.compliance.RetentionService;
import com.recoverydesk.compliance.RetentionStateView;
import com.recoverydesk.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** An admin's erasure of a closed case on request (docs/compliance.md, "Retention"). */
@Path("/api/v1/admin/cases/{caseId}")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminCaseResource {

    /** @param reason the request the erasure answers (its reference, who asked) */
    public record ErasureRequest(String reason) {}

    private final RetentionService retention;
    private final JsonWebToken jwt;

    public AdminCaseResource(RetentionService retention, JsonWebToken jwt) {
        this.retention = retention;
        this.jwt = jwt;
    }

    /** Erases the case's evidence and personal fields now → 200 its retention; 409 open, held or already purged. */
    @POST
    @Path("/erasure")
    @Consumes(MediaType.APPLICATION_JSON)
    public RetentionStateView erase(@PathParam("caseId") String caseId, ErasureRequest request) {
        retention.erase(caseId, request == null ? null : request.reason(), Actor.staff(jwt.getName(), Roles.ADMIN));
        return retention.state(caseId);
    }
}
