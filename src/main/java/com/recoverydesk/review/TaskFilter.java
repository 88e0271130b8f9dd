package com.recoverydesk.review;

import com.recoverydesk.web.ProblemException;
import java.util.Locale;

/**
 * What a queue is narrowed to: {@code mine}, {@code unassigned}, {@code overdue} or {@code at-risk}
 * entries, and one risk level. Null fields do not filter.
 */
public record TaskFilter(String show, String riskLevel) {

    public static final TaskFilter NONE = new TaskFilter(null, null);

    public static TaskFilter parse(String show, String riskLevel) {
        String s = show == null || show.isBlank() || show.equals("all") ? null : show.trim().toLowerCase(Locale.ROOT);
        if (s != null && !s.equals("mine") && !s.equals("unassigned") && !s.equals("overdue") && !s.equals("at-risk")) {
            throw ProblemException.badRequest("show must be all, mine, unassigned, overdue or at-risk.");
        }
        String r = riskLevel == null || riskLevel.isBlank() || riskLevel.equals("all") ? null : riskLevel.trim().toUpperCase(Locale.ROOT);
        if (r != null && !r.equals("LOW") && !r.equals("MEDIUM") && !r.equals("HIGH")) {
            throw ProblemException.badRequest("risk must be LOW, MEDIUM or HIGH.");
        }
        return new TaskFilter(s, r);
    }

    boolean accepts(ReviewTaskView task, String me) {
        if (riskLevel != null && !riskLevel.equals(task.riskLevel())) {
            return false;
        }
        if (show == null) {
            return true;
        }
        return switch (show) {
            case "mine" -> me.equals(task.assignee());
            case "unassigned" -> task.assignee() == null;
            case "overdue" -> task.overdue();
            case "at-risk" -> task.atRisk() || task.overdue();
            default -> true;
        };
    }
}
