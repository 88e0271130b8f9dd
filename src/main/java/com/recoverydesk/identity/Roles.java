package com.recoverydesk.identity;

import java.util.List;

/** The roles a token's {@code groups} claim carries (DESIGN.md §1). */
public final class Roles {
    public static final String AGENT = "agent";
    public static final String SUPERVISOR = "supervisor";
    public static final String COMPLIANCE = "compliance";
    public static final String MANAGER = "manager";
    public static final String ADMIN = "admin";
    /** The locked-out customer, holding a case access token rather than a staff account. */
    public static final String REQUESTER = "requester";

    public static final List<String> STAFF = List.of(AGENT, SUPERVISOR, COMPLIANCE, MANAGER, ADMIN);

    private Roles() {
    }
}
