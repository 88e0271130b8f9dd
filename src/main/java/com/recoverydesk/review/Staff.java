package com.recoverydesk.review;

import com.recoverydesk.identity.Roles;
import java.util.Optional;
import java.util.Set;

/**
 * The staff member acting, as the review's services see them: who, in which roles, and the address
 * the token carries (used when the staff directory has none, e.g. staff from an OIDC provider).
 */
public record Staff(String username, Set<String> roles, Optional<String> tokenEmail) {

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** The role a step is taken in, for the audit trail: an agent reviews as agent, a supervisor as supervisor. */
    public String roleFor(TaskQueue queue) {
        return queue == TaskQueue.REVIEW && has(Roles.AGENT) ? Roles.AGENT : has(Roles.SUPERVISOR) ? Roles.SUPERVISOR : roles.stream().sorted().findFirst().orElse("staff");
    }

    /** Whether the role may work entries of the queue: reviews agents and supervisors, approvals supervisors. */
    public boolean mayWork(TaskQueue queue) {
        return queue == TaskQueue.REVIEW ? has(Roles.AGENT) || has(Roles.SUPERVISOR) : has(Roles.SUPERVISOR);
    }

    public String mainRole() {
        return has(Roles.SUPERVISOR) ? Roles.SUPERVISOR : has(Roles.AGENT) ? Roles.AGENT : roles.stream().sorted().findFirst().orElse("staff");
    }
}
