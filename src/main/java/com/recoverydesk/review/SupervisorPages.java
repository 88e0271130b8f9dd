package com.recoverydesk.review;

import com.recoverydesk.identity.Roles;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The supervisor's desk: the escalations banner, then the queue of second approvals, the case due
 * first at the top. The approval itself is given on the case page.
 */
@Path("/supervisor")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.SUPERVISOR)
public class SupervisorPages {

    private final QueueScreen screen;
    private final ReviewService review;

    public SupervisorPages(ReviewQueue queue, SeparationOfDuties duties, CurrentStaff currentStaff, ReviewService review) {
        this.review = review;
        this.screen = new QueueScreen(queue, duties, currentStaff, TaskQueue.APPROVAL, "/supervisor", "Approval queue",
                "Cases an agent approved, waiting for the second approval. Open a case to approve or deny it.");
    }

    @GET
    public TemplateInstance show(@QueryParam("show") String show, @QueryParam("risk") String risk, @QueryParam("notice") String notice) {
        return screen.show(show, risk, notice, review.escalations(), "/agent", "Review queue");
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
}
