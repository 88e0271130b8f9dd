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
     * @param signsOut  the call revokes the token it was made with, so each call needs a fresh one
     * @param multipart the endpoint takes a multipart form (an upload): it is called with one, since
     *                  a body of another type is refused (415) before its authorisation is looked at
     */
    public record Endpoint(String method, String path, Set<String> allowedRoles, String jsonBody, boolean signsOut, boolean multipart) {

        public Endpoint(String method, String path, Set<String> allowedRoles, String jsonBody, boolean signsOut) {
            this(method, path, allowedRoles, jsonBody, signsOut, false);
        }

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
            new Endpoint("POST", "/api/v1/audit/checkpoints", Set.of("compliance"), "{}", false),
            new Endpoint("GET", "/api/v1/audit/checkpoints", Set.of("compliance"), null, false),
            new Endpoint("GET", "/api/v1/audit/checkpoints/1", Set.of("compliance"), null, false),
            new Endpoint("GET", "/api/v1/audit/public-key", Set.of("compliance"), null, false),
            new Endpoint("GET", "/compliance/cases/no-such-case", Set.of("compliance"), null, false),
            new Endpoint("POST", "/compliance/checkpoints", Set.of("compliance"), null, false),
            new Endpoint("GET", "/api/v1/review/tasks", Set.of("agent", "supervisor"), null, false),
            new Endpoint("POST", "/api/v1/review/tasks/no-such-task/claim", Set.of("agent", "supervisor"), "{}", false),
            new Endpoint("GET", "/api/v1/my-case", Set.of("requester"), null, false),
            new Endpoint("POST", "/api/v1/my-case/submission", Set.of("requester"), "{}", false),
            new Endpoint("GET", "/recover/case", Set.of("requester"), null, false),
            new Endpoint("GET", "/agent", Set.of("agent", "supervisor"), null, false),
            new Endpoint("POST", "/agent/tasks/no-such-task/claim", Set.of("agent", "supervisor"), null, false),
            new Endpoint("GET", "/supervisor", Set.of("supervisor"), null, false),
            new Endpoint("POST", "/supervisor/tasks/no-such-task/claim", Set.of("supervisor"), null, false),
            new Endpoint("GET", "/compliance", Set.of("compliance"), null, false),
            new Endpoint("GET", "/manager", Set.of("manager"), null, false),
            new Endpoint("GET", "/api/v1/sla/summary", Set.of("manager"), null, false),
            new Endpoint("GET", "/api/v1/sla/cases", Set.of("manager"), null, false),
            new Endpoint("GET", "/manager/cases.csv", Set.of("manager"), null, false),
            new Endpoint("POST", "/compliance/verification", Set.of("compliance"), null, false),
            new Endpoint("GET", "/admin", Set.of("admin"), null, false),
            new Endpoint("GET", "/admin/processes", Set.of("admin"), null, false),
            new Endpoint("POST", "/admin/processes/retry", Set.of("admin"), null, false),
            new Endpoint("POST", "/admin/processes/cancel", Set.of("admin"), null, false),
            new Endpoint("GET", "/supervisor/frozen-cases", Set.of("supervisor"), null, false),
            new Endpoint("POST", "/supervisor/frozen-cases/no-such-case/reopening", Set.of("supervisor"), null, false),
            new Endpoint("GET", "/api/v1/frozen-cases", Set.of("supervisor"), null, false),
            new Endpoint("POST", "/api/v1/frozen-cases/no-such-case/reopening", Set.of("supervisor"), "{\"note\":\"no such case to reopen\"}", false),
            new Endpoint("GET", "/admin/staff", Set.of("admin"), null, false),
            new Endpoint("POST", "/admin/staff", Set.of("admin"), null, false),
            new Endpoint("GET", "/admin/staff/0", Set.of("admin"), null, false),
            new Endpoint("POST", "/admin/staff/0/roles", Set.of("admin"), null, false),
            new Endpoint("POST", "/admin/staff/0/disable", Set.of("admin"), null, false),
            new Endpoint("POST", "/admin/staff/0/enable", Set.of("admin"), null, false),
            new Endpoint("POST", "/admin/staff/0/password", Set.of("admin"), null, false),
            new Endpoint("POST", "/admin/staff/0/totp", Set.of("admin"), null, false),
            // the review workbench (issue 7)
            new Endpoint("POST", "/api/v1/review/tasks/no-such-task/release", Set.of("agent", "supervisor"), "{}", false),
            new Endpoint("POST", "/api/v1/review/tasks/no-such-task/assignment", Set.of("supervisor"), "{}", false),
            new Endpoint("GET", "/api/v1/cases/no-such-case", STAFF, null, false),
            new Endpoint("GET", "/api/v1/cases/no-such-case/evidence/no-such-file/content", Set.of("agent", "supervisor"), null, false),
            new Endpoint("POST", "/api/v1/cases/no-such-case/review-decision", Set.of("agent", "supervisor"), "{}", false),
            new Endpoint("POST", "/api/v1/cases/no-such-case/approval-decision", Set.of("supervisor"), "{}", false),
            new Endpoint("POST", "/agent/tasks/no-such-task/release", Set.of("agent", "supervisor"), null, false),
            new Endpoint("POST", "/agent/tasks/no-such-task/assignment", Set.of("supervisor"), null, false),
            new Endpoint("GET", "/agent/cases/no-such-case", Set.of("agent", "supervisor"), null, false),
            new Endpoint("POST", "/agent/cases/no-such-case/review-decision", Set.of("agent", "supervisor"), null, false),
            new Endpoint("POST", "/agent/cases/no-such-case/approval-decision", Set.of("supervisor"), null, false),
            new Endpoint("POST", "/supervisor/tasks/no-such-task/release", Set.of("supervisor"), null, false),
            // compliance: the reset report, retention holds and erasure (issue 9)
            new Endpoint("GET", "/api/v1/compliance/resets", Set.of("compliance"), null, false),
            new Endpoint("GET", "/compliance/resets", Set.of("compliance"), null, false),
            new Endpoint("GET", "/api/v1/compliance/cases/no-such-case/retention", Set.of("compliance", "admin"), null, false),
            new Endpoint("POST", "/api/v1/compliance/cases/no-such-case/retention/holds", Set.of("compliance", "admin"), "{\"note\":\"disputed\"}", false),
            new Endpoint("POST", "/api/v1/compliance/cases/no-such-case/retention/holds/release", Set.of("compliance", "admin"), "{\"note\":\"settled\"}", false),
            new Endpoint("POST", "/api/v1/admin/cases/no-such-case/erasure", Set.of("admin"), "{\"reason\":\"request 1\"}", false),
            // the case's retention screen: compliance holds and releases as in the API, only the admin erases
            new Endpoint("GET", "/admin/cases", Set.of("admin", "compliance"), null, false),
            new Endpoint("GET", "/admin/cases/no-such-case", Set.of("admin", "compliance"), null, false),
            new Endpoint("POST", "/admin/cases/no-such-case/erasure", Set.of("admin"), null, false),
            new Endpoint("POST", "/admin/cases/no-such-case/hold", Set.of("admin", "compliance"), null, false),
            new Endpoint("POST", "/admin/cases/no-such-case/hold-release", Set.of("admin", "compliance"), null, false),
            // found missing when the list was first checked against the application's routes
            new Endpoint("POST", "/account/security", STAFF, null, false),
            new Endpoint("POST", "/api/v1/my-case/evidence", Set.of("requester"), null, false, true),
            new Endpoint("POST", "/recover/case/evidence", Set.of("requester"), null, false, true),
            new Endpoint("POST", "/recover/case/submission", Set.of("requester"), null, false),
            new Endpoint("POST", "/recover/case/withdrawal", Set.of("requester"), null, false),
            // last: it closes the case the requester token belongs to
            new Endpoint("POST", "/api/v1/my-case/withdrawal", Set.of("requester"), "{}", false),
            // after it: it revokes the requester token itself
            new Endpoint("POST", "/recover/case/sign-out", Set.of("requester"), null, false));

    /**
     * The routes anyone may call, as "METHOD /template" exactly as ApplicationRoutes names them. A
     * route in neither list fails EndpointAuthorizationTest: each new endpoint's authorisation is decided.
     */
    public static final List<String> PUBLIC = List.of(
            "GET /", "GET /login", "POST /login", "POST /logout", "POST /api/v1/auth/token",
            "GET /recover", "POST /recover", "POST /recover/code", "GET /recover/confirm/{linkToken}", "POST /recover/confirm/{linkToken}",
            "POST /api/v1/recovery-requests", "POST /api/v1/recovery-requests/confirmations",
            // the choice of a new password after an administrator's reset: the single-use ticket is the credential
            "POST /login/password",
            // the mailed single-use links of the reset: the token in the path is the credential
            "GET /objection/{token}", "POST /objection/{token}", "GET /enrol/{token}", "POST /enrol/{token}",
            // demo mode only (the production profile does not serve them)
            "GET /demo/mailbox", "GET /api/v1/demo/mailbox",
            "GET /demo/sign-in", "POST /demo/sign-in", "POST /api/v1/demo/account-sign-in");

    private ProtectedEndpoints() {
    }
}
