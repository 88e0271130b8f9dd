package com.recoverydesk.support;

import java.util.List;
import java.util.Set;

/**
 * Every protected endpoint and the roles allowed to call it. The authorisation test walks this
 * list with every kind of bad token and every role: add each new endpoint here.
 */
public final class ProtectedEndpoints {

    public static final Set<String> ALL_ROLES = Set.of("agent", "supervisor", "compliance", "manager", "admin", "requester");
    public static final Set<String> STAFF = Set.of("agent", "supervisor", "compliance", "manager", "admin");

    /**
     * @param signsOut the call revokes the token it was made with, so each call needs a fresh one
     */
    public record Endpoint(String method, String path, Set<String> allowedRoles, String jsonBody, boolean signsOut) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    public static final List<Endpoint> ALL = List.of(
            new Endpoint("POST", "/api/v1/auth/logout", STAFF, "{}", true),
            new Endpoint("GET", "/account/security", STAFF, null, false),
            new Endpoint("GET", "/api/v1/audit/verification", Set.of("compliance"), null, false),
            new Endpoint("GET", "/api/v1/audit/events", Set.of("compliance"), null, false),
            new Endpoint("GET", "/api/v1/audit/export", Set.of("compliance"), null, false),
            new Endpoint("GET", "/api/v1/review/tasks", Set.of("agent", "supervisor"), null, false),
            new Endpoint("POST", "/api/v1/review/tasks/no-such-task/claim", Set.of("agent", "supervisor"), "{}", false),
            new Endpoint("GET", "/api/v1/my-case", Set.of("requester"), null, false),
            new Endpoint("POST", "/api/v1/my-case/submission", Set.of("requester"), "{}", false),
            new Endpoint("GET", "/recover/case", Set.of("requester"), null, false),
            new Endpoint("GET", "/agent", Set.of("agent"), null, false),
            new Endpoint("POST", "/agent/tasks/no-such-task/claim", Set.of("agent"), null, false),
            new Endpoint("GET", "/supervisor", Set.of("supervisor"), null, false),
            new Endpoint("POST", "/supervisor/tasks/no-such-task/claim", Set.of("supervisor"), null, false),
            new Endpoint("GET", "/compliance", Set.of("compliance"), null, false),
            new Endpoint("GET", "/manager", Set.of("manager"), null, false),
            new Endpoint("GET", "/api/v1/sla/summary", Set.of("manager"), null, false),
            new Endpoint("POST", "/compliance/verification", Set.of("compliance"), null, false),
            new Endpoint("GET", "/admin", Set.of("admin"), null, false),
            new Endpoint("GET", "/admin/processes", Set.of("admin"), null, false),
            new Endpoint("POST", "/admin/processes/retry", Set.of("admin"), null, false),
            new Endpoint("POST", "/admin/processes/cancel", Set.of("admin"), null, false),
            // last: it closes the case the requester token belongs to
            new Endpoint("POST", "/api/v1/my-case/withdrawal", Set.of("requester"), "{}", false),
            // after it: it revokes the requester token itself
            new Endpoint("POST", "/recover/case/sign-out", Set.of("requester"), null, false));

    private ProtectedEndpoints() {
    }
}
