package com.recoverydesk.review;

import com.recoverydesk.identity.Roles;
import com.recoverydesk.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The queues of the human steps: agents and supervisors work the review queue (small desks let
 * supervisors review), supervisors the approval queue. Claim, release, and a supervisor's reassignment.
 */
@Path("/api/v1/review/tasks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
public class ReviewResource {

    /** The body of a reassignment: the staff member's username. */
    public record AssignmentRequest(String assignee) {}

    private final ReviewQueue queue;
    private final CurrentStaff currentStaff;

    public ReviewResource(ReviewQueue queue, CurrentStaff currentStaff) {
        this.queue = queue;
        this.currentStaff = currentStaff;
    }

    /**
     * @param show {@code all} (default), {@code mine}, {@code unassigned}, {@code overdue} or {@code at-risk}
     * @param risk {@code LOW}, {@code MEDIUM} or {@code HIGH}
     */
    @GET
    public List<ReviewTaskView> tasks(@QueryParam("queue") String queueName, @QueryParam("show") String show, @QueryParam("risk") String risk) {
        Staff staff = currentStaff.get();
        String asked = queueName != null ? queueName : staff.has(Roles.AGENT) ? "review" : "approval";
        return queue.openTasks(allowedQueue(asked, staff), TaskFilter.parse(show, risk), staff.username());
    }

    @POST
    @Path("/{taskId}/claim")
    public ReviewTaskView claim(@PathParam("taskId") String taskId) {
        return queue.claim(taskId, currentStaff.get());
    }

    @POST
    @Path("/{taskId}/release")
    public ReviewTaskView release(@PathParam("taskId") String taskId) {
        return queue.release(taskId, currentStaff.get());
    }

    @POST
    @Path("/{taskId}/assignment")
    @RolesAllowed(Roles.SUPERVISOR)
    public ReviewTaskView reassign(@PathParam("taskId") String taskId, AssignmentRequest request) {
        return queue.reassign(taskId, currentStaff.get(), request == null ? null : request.assignee());
    }

    private static TaskQueue allowedQueue(String name, Staff staff) {
        TaskQueue asked = switch (name) {
            case "review" -> TaskQueue.REVIEW;
            case "approval" -> TaskQueue.APPROVAL;
            default -> throw ProblemException.badRequest("queue must be review or approval.");
        };
        if (!staff.mayWork(asked)) {
            throw new ProblemException(403, "Forbidden", "The " + name + " queue is for the supervisor role.");
        }
        return asked;
    }
}
