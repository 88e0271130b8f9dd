package com.recoverydesk.identity;

import com.recoverydesk.audit.Actor;
import com.recoverydesk.audit.AuditTrail;
import com.recoverydesk.web.ProblemException;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Staff administration (issue 7 item 8): list, create, disable and enable staff accounts, set their
 * roles, reset a password (a temporary one, to be changed at the next sign-in) and remove a second
 * factor. Every change, and every refused attempt, is audited with the administrator who made it.
 *
 * <p>The rules, enforced here whatever the screen offers: an administrator does not administer
 * their own account (no granting oneself a role, no disabling or resetting oneself: that is another
 * administrator's job), and the last enabled administrator can neither be disabled nor lose the
 * role. Any change that takes access away ends the account's sessions at once.
 */
@ApplicationScoped
public class StaffAdminService {

    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{2,63}");

    private final AuditTrail audit;

    public StaffAdminService(AuditTrail audit) {
        this.audit = audit;
    }

    /** A staff account as the administration screen shows it; never a secret. */
    public record StaffMemberView(long id, String username, String displayName, List<String> roles, boolean enabled,
                                  boolean secondFactorEnrolled, boolean passwordChangeRequired, OffsetDateTime createdAt) {}

    /** Who acts: the signed-in administrator, by the name and roles of their token. */
    public record Administrator(String username, Set<String> roles) {
        Actor actor() {
            return Actor.staff(username, roles.isEmpty() ? "none" : String.join(",", new TreeSet<>(roles)));
        }
    }

    @Transactional
    public List<StaffMemberView> list() {
        return StaffAccount.<StaffAccount>listAll(io.quarkus.panache.common.Sort.by("username")).stream().map(StaffAdminService::view).toList();
    }

    @Transactional
    public StaffMemberView member(long id) {
        return view(find(id));
    }

    /**
     * Creates an account with a temporary password, which its owner must change at the first sign-in.
     *
     * @throws ProblemException 400 for a bad name, display name, role or password; 409 for a name taken
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    public StaffMemberView create(Administrator admin, String username, String displayName, Collection<String> roles, String temporaryPassword) {
        String name = username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT);
        if (!USERNAME.matcher(name).matches() || name.equals(Actor.SYSTEM) || name.equals(Actor.REQUESTER)) {
            throw ProblemException.badRequest("A user name has 3 to 64 characters: lower-case letters, digits, dots, dashes or "
                    + "underscores, starting with a letter.");
        }
        String shownName = displayName == null ? "" : displayName.strip();
        if (shownName.isEmpty() || shownName.length() > 128 || shownName.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest("Enter the staff member's name (at most 128 characters).");
        }
        Set<String> granted = validRoles(roles);
        if (StaffAccount.findByUsername(name).isPresent()) {
            throw ProblemException.conflict("There is already a staff account named " + name + ".");
        }
        StaffAccount staff = new StaffAccount();
        staff.username = name;
        staff.displayName = shownName;
        staff.roles = new TreeSet<>(granted);
        staff.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        PasswordChanges.checkRules(staff, temporaryPassword, null);
        staff.passwordHash = BcryptUtil.bcryptHash(temporaryPassword);
        staff.passwordChangeRequired = true;
        staff.persist();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("username", staff.username);
        details.put("roles", List.copyOf(staff.roles));
        audit.record(admin.actor(), "staff.created", null, details);
        return view(staff);
    }

    /**
     * @throws ProblemException 403 on one's own account; 409 when it would leave no enabled administrator
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    public StaffMemberView setRoles(Administrator admin, long id, Collection<String> roles) {
        StaffAccount staff = find(id);
        Set<String> wanted = validRoles(roles);
        refuseOwnAccount(admin, staff, "staff.roles-changed");
        Set<String> before = new TreeSet<>(staff.roles);
        if (before.equals(wanted)) {
            return view(staff);
        }
        if (before.contains(Roles.ADMIN) && !wanted.contains(Roles.ADMIN)) {
            refuseIfLastAdmin(admin, staff, "staff.roles-changed");
        }
        staff.roles.clear();
        staff.roles.addAll(wanted);
        endSessions(staff);
        audit.record(admin.actor(), "staff.roles-changed", null,
                Map.of("username", staff.username, "before", List.copyOf(before), "after", List.copyOf(new TreeSet<>(wanted))));
        return view(staff);
    }

    @Transactional(dontRollbackOn = ProblemException.class)
    public StaffMemberView disable(Administrator admin, long id) {
        StaffAccount staff = find(id);
        refuseOwnAccount(admin, staff, "staff.disabled");
        if (!staff.enabled) {
            return view(staff);
        }
        if (staff.roles.contains(Roles.ADMIN)) {
            refuseIfLastAdmin(admin, staff, "staff.disabled");
        }
        staff.enabled = false;
        endSessions(staff);
        audit.record(admin.actor(), "staff.disabled", null, Map.of("username", staff.username));
        return view(staff);
    }

    @Transactional(dontRollbackOn = ProblemException.class)
    public StaffMemberView enable(Administrator admin, long id) {
        StaffAccount staff = find(id);
        refuseOwnAccount(admin, staff, "staff.enabled");
        if (staff.enabled) {
            return view(staff);
        }
        staff.enabled = true;
        audit.record(admin.actor(), "staff.enabled", null, Map.of("username", staff.username));
        return view(staff);
    }

    /** Sets a temporary password that the staff member must change at their next sign-in; their sessions end. */
    @Transactional(dontRollbackOn = ProblemException.class)
    public StaffMemberView resetPassword(Administrator admin, long id, String temporaryPassword) {
        StaffAccount staff = find(id);
        refuseOwnAccount(admin, staff, "staff.password-reset");
        PasswordChanges.checkRules(staff, temporaryPassword, null);
        staff.passwordHash = BcryptUtil.bcryptHash(temporaryPassword);
        staff.passwordChangeRequired = true;
        staff.passwordChangeTicket = null;
        staff.passwordChangeTicketExpiresAt = null;
        endSessions(staff);
        audit.record(admin.actor(), "staff.password-reset", null, Map.of("username", staff.username));
        return view(staff);
    }

    /** Removes the staff member's authenticator (a lost phone); they enrol a new one on their account page. */
    @Transactional(dontRollbackOn = ProblemException.class)
    public StaffMemberView resetSecondFactor(Administrator admin, long id) {
        StaffAccount staff = find(id);
        refuseOwnAccount(admin, staff, "staff.totp-reset");
        if (!staff.hasTotp()) {
            throw ProblemException.conflict(staff.username + " has no authenticator enrolled.");
        }
        staff.totpSecret = null;
        endSessions(staff);
        audit.record(admin.actor(), "staff.totp-reset", null, Map.of("username", staff.username));
        return view(staff);
    }

    private void refuseOwnAccount(Administrator admin, StaffAccount staff, String action) {
        if (staff.username.equals(admin.username())) {
            refused(admin, staff, action, "own-account");
            throw new ProblemException(403, "Not on your own account",
                    "Administrators do not change their own account here: ask another administrator.");
        }
    }

    /**
     * Refuses to take the administrator role from the last enabled administrator. The enabled
     * administrators are locked first, so that two administrators disabling each other at the same
     * moment cannot both succeed.
     */
    private void refuseIfLastAdmin(Administrator admin, StaffAccount staff, String action) {
        List<StaffAccount> admins = StaffAccount.getEntityManager().createQuery(
                        "select s from StaffAccount s where s.enabled = true and :admin member of s.roles order by s.id", StaffAccount.class)
                .setParameter("admin", Roles.ADMIN)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        boolean another = admins.stream().anyMatch(a -> !a.id.equals(staff.id));
        if (!another) {
            refused(admin, staff, action, "last-admin");
            throw ProblemException.conflict(staff.username + " is the last enabled administrator: enable or create another one first.");
        }
    }

    private void refused(Administrator admin, StaffAccount staff, String action, String reason) {
        audit.record(admin.actor(), "staff.admin-refused", null, Map.of("action", action, "username", staff.username, "reason", reason));
    }

    /** Every token issued so far is refused from now on (TokenService#isOvertaken). */
    private static void endSessions(StaffAccount staff) {
        staff.sessionGeneration++;
    }

    private static Set<String> validRoles(Collection<String> roles) {
        Set<String> valid = new TreeSet<>();
        for (String role : roles == null ? List.<String>of() : roles) {
            if (!Roles.STAFF.contains(role)) {
                throw ProblemException.badRequest("Unknown role. The roles are: " + String.join(", ", Roles.STAFF) + ".");
            }
            valid.add(role);
        }
        if (valid.isEmpty()) {
            throw ProblemException.badRequest("Give the staff member at least one role (or disable the account).");
        }
        return valid;
    }

    private static StaffAccount find(long id) {
        StaffAccount staff = StaffAccount.findById(id);
        if (staff == null) {
            throw ProblemException.notFound("No such staff account.");
        }
        return staff;
    }

    private static StaffMemberView view(StaffAccount staff) {
        return new StaffMemberView(staff.id, staff.username, staff.displayName, List.copyOf(new TreeSet<>(staff.roles)), staff.enabled,
                staff.hasTotp(), staff.passwordChangeRequired, staff.createdAt);
    }
}
