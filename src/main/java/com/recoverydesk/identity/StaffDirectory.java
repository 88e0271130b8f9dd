package com.recoverydesk.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the other parts may know of the staff accounts: a staff member's own address (to keep them
 * off cases about their own account, DESIGN.md §7), the addresses of a role (escalation mails),
 * and whether someone holds a role (reassigning a case).
 */
@ApplicationScoped
public class StaffDirectory {

    /** A staff member as another part sees them; no secrets. */
    public record StaffMember(String username, String displayName, Optional<String> email, java.util.Set<String> roles, boolean enabled) {}

    @Transactional
    public Optional<StaffMember> find(String username) {
        return StaffAccount.findByUsername(username).map(StaffDirectory::member);
    }

    /** The staff member's own address, lower-cased, if one is on file. */
    @Transactional
    public Optional<String> emailOf(String username) {
        return StaffAccount.findByUsername(username).map(s -> s.email).filter(e -> e != null && !e.isBlank())
                .map(e -> e.trim().toLowerCase(Locale.ROOT));
    }

    /** The enabled staff members holding the role, by username. */
    @Transactional
    public List<StaffMember> withRole(String role) {
        return StaffAccount.<StaffAccount>list("select s from StaffAccount s join s.roles r where r = ?1 and s.enabled = true order by s.username", role)
                .stream().map(StaffDirectory::member).toList();
    }

    private static StaffMember member(StaffAccount staff) {
        return new StaffMember(staff.username, staff.displayName, Optional.ofNullable(staff.email), java.util.Set.copyOf(staff.roles), staff.enabled);
    }
}
