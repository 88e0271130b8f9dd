package com.recoverydesk.review;

import com.recoverydesk.identity.Roles;
import com.recoverydesk.identity.StaffDirectory;
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
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The review desk: the review queue (agents, and supervisors who review on small desks), the case
 * page with the evidence viewer, the checklist and the decision forms, and for supervisors the
 * second approval on the same page. Every form posts and redirects to a page (POST → redirect → GET).
 */
@Path("/agent")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
public class AgentPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance casePage(CasePageView page);
    }

    private final QueueScreen screen;
    private final ReviewQueue queue;
    private final CaseFileService files;
    private final ReviewDecisionService decisions;
    private final StaffDirectory staffDirectory;
    private final CurrentStaff currentStaff;

    public AgentPages(ReviewQueue queue, SeparationOfDuties duties, CaseFileService files, ReviewDecisionService decisions,
                      StaffDirectory staffDirectory, CurrentStaff currentStaff) {
        this.queue = queue;
        this.files = files;
        this.decisions = decisions;
        this.staffDirectory = staffDirectory;
        this.currentStaff = currentStaff;
        this.screen = new QueueScreen(queue, duties, currentStaff, TaskQueue.REVIEW, "/agent", "Review queue",
                "Cases whose evidence is submitted, the one due first at the top. Claim a case to take it.");
    }

    @GET
    public TemplateInstance show(@QueryParam("show") String show, @QueryParam("risk") String risk, @QueryParam("notice") String notice) {
        boolean supervisor = currentStaff.get().has(Roles.SUPERVISOR);
        return screen.show(show, risk, notice, List.of(), supervisor ? "/supervisor" : null, supervisor ? "Approval queue" : null);
    }

    @POST
    @Path("/tasks/{taskId}/claim")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response claim(@PathParam("taskId") String taskId) {
        return screen.claim(taskId);
    }

    @POST
    @Path("/tasks/{taskId}/release")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response release(@PathParam("taskId") String taskId) {
        return screen.release(taskId);
    }

    @POST
    @Path("/tasks/{taskId}/assignment")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.SUPERVISOR)
    public Response reassign(@PathParam("taskId") String taskId, @FormParam("assignee") String assignee) {
        // a refusal becomes the readable error page (ProblemMapper)
        ReviewTaskView task = queue.reassign(taskId, currentStaff.get(), assignee);
        return Response.seeOther(URI.create("/agent/cases/" + task.caseId() + "?notice=reassigned")).build();
    }

    @GET
    @Path("/cases/{caseId}")
    public TemplateInstance casePage(@PathParam("caseId") String caseId, @QueryParam("notice") String notice) {
        return page(caseId, notice == null ? null : QueueScreen.NOTICES.get(notice), null);
    }

    @POST
    @Path("/cases/{caseId}/review-decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reviewDecision(@PathParam("caseId") String caseId, @FormParam("decision") String decision,
                                   @FormParam("reasonCode") String reasonCode, @FormParam("note") String note,
                                   @FormParam("message") String message, @FormParam("checklist") List<String> ticked) {
        Checklist checklist = Checklist.of(ticked == null ? Set.of() : new HashSet<>(ticked));
        try {
            decisions.decideReview(caseId, currentStaff.get(), new ReviewDecisionRequest(decision, blankToNull(reasonCode), checklist, note, message));
            return Response.seeOther(URI.create("/agent/cases/" + caseId + "?notice=reviewed")).build();
        } catch (ProblemException refused) {
            return Response.status(refused.status()).entity(refusedPage(caseId, refused)).build();
        }
    }

    @POST
    @Path("/cases/{caseId}/approval-decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.SUPERVISOR)
    public Response approvalDecision(@PathParam("caseId") String caseId, @FormParam("decision") String decision, @FormParam("note") String note) {
        try {
            DecisionResponse decided = decisions.decideApproval(caseId, currentStaff.get(), new ApprovalDecisionRequest(decision, note));
            return Response.seeOther(URI.create("/supervisor?notice=" + ("APPROVE".equals(decided.decision()) ? "approved" : "denied"))).build();
        } catch (ProblemException refused) {
            return Response.status(refused.status()).entity(refusedPage(caseId, refused)).build();
        }
    }

    private TemplateInstance page(String caseId, String notice, String error) {
        Staff staff = currentStaff.get();
        CaseFileService.CaseScreen shown = files.screen(caseId, staff);
        List<CasePageView.ChoiceView> checklist = Checklist.ITEMS.entrySet().stream()
                .map(e -> new CasePageView.ChoiceView(e.getKey(), e.getValue())).toList();
        List<CasePageView.ChoiceView> reasons = Arrays.stream(RejectionReason.values())
                .map(r -> new CasePageView.ChoiceView(r.name(), r.meaning())).toList();
        List<String> reassignTo = shown.actions().mayReassign()
                ? Stream.concat(staffDirectory.withRole(Roles.AGENT).stream(), staffDirectory.withRole(Roles.SUPERVISOR).stream())
                        .map(StaffDirectory.StaffMember::username).distinct().sorted().toList()
                : List.of();
        return Templates.casePage(new CasePageView(shown.file(), shown.actions(), checklist, reasons, reassignTo, notice, error));
    }

    /** The case page again with the refusal on it, or the error page when the case itself cannot be shown. */
    private TemplateInstance refusedPage(String caseId, ProblemException refused) {
        try {
            return page(caseId, null, refused.getMessage());
        } catch (ProblemException cannotShow) {
            throw refused;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
