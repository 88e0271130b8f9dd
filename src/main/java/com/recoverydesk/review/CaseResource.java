package com.recoverydesk.review;

import com.recoverydesk.evidence.EvidenceCatalog;
import com.recoverydesk.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;

/**
 * A case for the desk (DESIGN.md §9): the case file, the evidence viewer, and the decisions of the
 * review and of the second approval. Separation of duties is the services' (403, audited).
 */
@Path("/api/v1/cases/{caseId}")
@Produces(MediaType.APPLICATION_JSON)
public class CaseResource {

    private final CaseFileService files;
    private final ReviewDecisionService decisions;
    private final CurrentStaff currentStaff;

    public CaseResource(CaseFileService files, ReviewDecisionService decisions, CurrentStaff currentStaff) {
        this.files = files;
        this.decisions = decisions;
        this.currentStaff = currentStaff;
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.COMPLIANCE, Roles.MANAGER, Roles.ADMIN})
    public CaseFileView caseFile(@PathParam("caseId") String caseId) {
        return files.caseFile(caseId, currentStaff.get());
    }

    /**
     * The file, for agents and supervisors only: never cached, never sniffed into another type,
     * shown inline under a name the service makes (the requester's file name is not kept), and
     * refused when its content no longer matches its SHA-256.
     */
    @GET
    @Path("/evidence/{evidenceId}/content")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    public Response evidenceContent(@PathParam("caseId") String caseId, @PathParam("evidenceId") String evidenceId) {
        EvidenceCatalog.VerifiedContent content = files.view(caseId, evidenceId, currentStaff.get());
        String fileName = content.item().kind().name().toLowerCase(Locale.ROOT).replace('_', '-') + "." + extension(content.item().contentType());
        return Response.ok(content.bytes(), content.item().contentType())
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "inline; filename=\"" + fileName + "\"")
                .header("Content-Length", content.bytes().length)
                .build();
    }

    @POST
    @Path("/review-decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    public DecisionResponse reviewDecision(@PathParam("caseId") String caseId, ReviewDecisionRequest request) {
        return decisions.decideReview(caseId, currentStaff.get(), request);
    }

    @POST
    @Path("/approval-decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPERVISOR)
    public DecisionResponse approvalDecision(@PathParam("caseId") String caseId, ApprovalDecisionRequest request) {
        return decisions.decideApproval(caseId, currentStaff.get(), request);
    }

    private static String extension(String contentType) {
        return switch (contentType) {
            case "image/jpeg" -> "jpg";
            case "image/png" -> "png";
            case "application/pdf" -> "pdf";
            case "video/mp4" -> "mp4";
            default -> "bin";
        };
    }
}
