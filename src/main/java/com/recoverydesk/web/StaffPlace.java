package com.recoverydesk.web;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Where each staff role works (DESIGN.md §1, §9): the landing page sends everyone to theirs. */
public enum StaffPlace {
    AGENT("agent", "Review desk", "/agent", "Claim cases from the queue, inspect evidence and decide."),
    SUPERVISOR("supervisor", "Approvals", "/supervisor", "Give the second approval of every reset and handle escalations."),
    COMPLIANCE("compliance", "Compliance", "/compliance", "Search, verify and export the audit trail."),
    MANAGER("manager", "SLA dashboard", "/manager", "Backlog, ageing, breaches, throughput and workload."),
    ADMIN("admin", "Administration", "/admin", "Staff accounts, and the process engine: its state, instances and incidents.");

    private final String role;
    private final String title;
    private final String path;
    private final String description;

    StaffPlace(String role, String title, String path, String description) {
        this.role = role;
        this.title = title;
        this.path = path;
        this.description = description;
    }

    public static List<StaffPlace> forRoles(Set<String> roles) {
        return Arrays.stream(values()).filter(p -> roles.contains(p.role)).toList();
    }

    public String getRole() {
        return role;
    }

    public String getTitle() {
        return title;
    }

    public String getPath() {
        return path;
    }

    public String getDescription() {
        return description;
    }
}
