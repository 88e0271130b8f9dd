package com.recoverydesk.compliance;

import com.recoverydesk.audit.Actor;
import com.recoverydesk.identity.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A case's retention and its holds (docs/compliance.md, "Retention"): compliance, who handles
 * disputes, and the admin, who erases, may both see and hold a case.
 */
@Path("/api/v1/compliance/cases/{caseId}/retention")
@RolesAllowed({Roles.COMPLIANCE, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class RetentionResource {

    /** The note a hold is placed or released with. */
    public record RetentionNoteRequest(String note) {}

    private final RetentionService retention;
    private final SecurityIdentity identity;

    public RetentionResource(RetentionService retention, SecurityIdentity identity) {
        this.retention = retention;
        this.identity = identity;
    }

    @GET
    public RetentionStateView state(@PathParam("caseId") String caseId) {
        return retention.state(caseId);
    }

    /** Holds the case from purge as disputed → 201 the case's retention. */
    @POST
    @Path("/holds")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response hold(@PathParam("caseId") String caseId, RetentionNoteRequest request) {
        RetentionStateView state = retention.placeHold(caseId, request == null ? null : request.note(), me());
        return Response.status(201).entity(state).build();
    }

    /** Releases every hold of the case → 200 the case's retention. */
    @POST
    @Path("/holds/release")
    @Consumes(MediaType.APPLICATION_JSON)
    public RetentionStateView release(@PathParam("caseId") String caseId, RetentionNoteRequest request) {
        return retention.releaseHolds(caseId, request == null ? null : request.note(), me());
    }

    private Actor me() {
        String role = identity.hasRole(Roles.COMPLIANCE) ? Roles.COMPLIANCE : Roles.ADMIN;
        return Actor.staff(identity.getPrincipal().getName(), role);
    }
}
