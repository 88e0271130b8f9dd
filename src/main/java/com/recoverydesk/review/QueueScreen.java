package com.recoverydesk.review;

import com.recoverydesk.web.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A queue of a human step as a screen (the review queue, the supervisors' approval queue): the
 * entry due first at the top, cases at SLA risk and overdue ones marked, filters, and claim and
 * release buttons where the viewer may use them.
 */
class QueueScreen {

    /** A queue row as the screen shows it. */
    public record QueueRowView(ReviewTaskView task, boolean mine, boolean claimable, boolean releasable) {}

    /** The filter as the form shows it. */
    public record QueueFilterView(String show, String risk) {}

    /** The fixed notices a redirect may ask for: nothing the user typed is echoed. */
    static final Map<String, String> NOTICES = Map.of(
            "claimed", "You claimed the case.",
            "released", "The case is back in the queue.",
            "reassigned", "The case was reassigned.",
            "reviewed", "Your review decision is recorded.",
            "approved", "Your second approval is recorded.",
            "denied", "The reset is denied; the requester will be told.");

    @CheckedTemplate(basePath = "QueueScreen")
    static class Templates {
        static native TemplateInstance queue(String title, String intro, String path, List<QueueRowView> rows, QueueFilterView filter,
                                             List<ReviewTaskView> escalations, String otherQueueLink, String otherQueueTitle,
                                             String notice, String error);
    }

    private final ReviewQueue queue;
    private final SeparationOfDuties duties;
    private final CurrentStaff currentStaff;
    private final TaskQueue taskQueue;
    private final String path;
    private final String title;
    private final String intro;

    QueueScreen(ReviewQueue queue, SeparationOfDuties duties, CurrentStaff currentStaff, TaskQueue taskQueue, String path, String title, String intro) {
        this.queue = queue;
        this.duties = duties;
        this.currentStaff = currentStaff;
        this.taskQueue = taskQueue;
        this.path = path;
        this.title = title;
        this.intro = intro;
    }

    TemplateInstance show(String show, String risk, String notice, List<ReviewTaskView> escalations, String otherLink, String otherTitle) {
        TaskFilter filter;
        String error = null;
        try {
            filter = TaskFilter.parse(show, risk);
        } catch (ProblemException bad) {
            filter = TaskFilter.NONE;
            error = bad.getMessage();
        }
        return page(filter, notice == null ? null : NOTICES.get(notice), error, escalations, otherLink, otherTitle);
    }

    Response claim(String taskId) {
        try {
            ReviewTaskView claimed = queue.claim(taskId, currentStaff.get(), taskQueue);
            return Response.seeOther(URI.create("/agent/cases/" + claimed.caseId() + "?notice=claimed")).build();
        } catch (ProblemException refused) {
            return Response.status(refused.status()).entity(page(TaskFilter.NONE, null, refused.getMessage(), List.of(), null, null)).build();
        }
    }

    Response release(String taskId) {
        try {
            queue.release(taskId, currentStaff.get());
            return Response.seeOther(URI.create(path + "?notice=released")).build();
        } catch (ProblemException refused) {
            return Response.status(refused.status()).entity(page(TaskFilter.NONE, null, refused.getMessage(), List.of(), null, null)).build();
        }
    }

    private TemplateInstance page(TaskFilter filter, String notice, String error, List<ReviewTaskView> escalations, String otherLink, String otherTitle) {
        Staff staff = currentStaff.get();
        boolean supervisor = staff.has(com.recoverydesk.identity.Roles.SUPERVISOR);
        List<ReviewTaskView> tasks = queue.openTasks(taskQueue, filter, staff.username());
        java.util.Set<String> barred = duties.barredCases(staff, tasks);
        List<QueueRowView> rows = tasks.stream()
                .map(task -> new QueueRowView(task, staff.username().equals(task.assignee()), task.assignee() == null && !barred.contains(task.caseId()),
                        task.assignee() != null && (supervisor || staff.username().equals(task.assignee()))))
                .toList();
        return Templates.queue(title, intro, path, rows, new QueueFilterView(filter.show() == null ? "all" : filter.show(),
                filter.riskLevel() == null ? "all" : filter.riskLevel()), escalations, otherLink, otherTitle, notice, error);
    }
}
