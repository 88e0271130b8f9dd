package com.recoverydesk.identity;

import com.recoverydesk.audit.Actor;
import com.recoverydesk.audit.AuditTrail;
import com.recoverydesk.web.ProblemException;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * The change of a password an administrator set: the sign-in that proved it (and the second
 * factor) gets a ticket instead of a token, and the ticket, with a new password, gets the token.
 * The ticket is random, single-use, expires after {@link #TICKET_LIFETIME} and is stored hashed.
 */
@ApplicationScoped
public class PasswordChanges {

    static final Duration TICKET_LIFETIME = Duration.ofMinutes(10);
    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 200;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TokenService tokens;
    private final AuditTrail audit;

    public PasswordChanges(TokenService tokens, AuditTrail audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    /** Issues a ticket for the staff member who just proved their credentials; runs in the sign-in's transaction. */
    PasswordChangeRequiredException ticketFor(StaffAccount staff) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        staff.passwordChangeTicket = hash(ticket);
        staff.passwordChangeTicketExpiresAt = OffsetDateTime.now(ZoneOffset.UTC).plus(TICKET_LIFETIME);
        audit.record(Actor.staff(staff.username, roleList(staff)), "staff.password-change-requested", null, Map.of());
        return new PasswordChangeRequiredException(ticket);
    }

    /**
     * Sets the new password and signs the staff member in.
     *
     * @throws ProblemException 400 for a password that does not meet the rules (the ticket stays
     *                          good), 401 for a ticket that is unknown, used or expired
     */
    @Transactional
    public StaffAuthService.SignedIn change(String ticket, String newPassword, String confirmation) {
        StaffAccount staff = validTicket(ticket);
        checkRules(staff, newPassword, confirmation);
        staff.passwordHash = BcryptUtil.bcryptHash(newPassword);
        staff.passwordChangeRequired = false;
        staff.passwordChangeTicket = null;
        staff.passwordChangeTicketExpiresAt = null;
        // whoever knew the temporary password holds no token from before the change
        staff.sessionGeneration++;
        audit.record(Actor.staff(staff.username, roleList(staff)), "staff.password-changed", null, Map.of("afterReset", true));
        return new StaffAuthService.SignedIn(staff.username, staff.displayName, java.util.List.copyOf(staff.roles), tokens.issueStaffToken(staff));
    }

    /** Whether the ticket is still good, so that a page can offer the form again after a refused password. */
    @Transactional
    public boolean isValid(String ticket) {
        try {
            validTicket(ticket);
            return true;
        } catch (ProblemException e) {
            return false;
        }
    }

    /** The rules a password set by anyone must meet. */
    static void checkRules(StaffAccount staff, String password, String confirmation) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw ProblemException.badRequest("Choose a password of at least " + MIN_LENGTH + " characters.");
        }
        if (password.length() > MAX_LENGTH) {
            throw ProblemException.badRequest("Choose a password of at most " + MAX_LENGTH + " characters.");
        }
        if (confirmation != null && !password.equals(confirmation)) {
            throw ProblemException.badRequest("The two passwords differ. Type the same new password twice.");
        }
        if (password.toLowerCase(java.util.Locale.ROOT).contains(staff.username.toLowerCase(java.util.Locale.ROOT))) {
            throw ProblemException.badRequest("The password must not contain your user name.");
        }
        if (staff.passwordHash != null && StaffAuthService.matches(password, staff.passwordHash)) {
            throw ProblemException.badRequest("Choose a password different from the one you were given.");
        }
    }

    private static StaffAccount validTicket(String ticket) {
        ProblemException expired = new ProblemException(401, "Sign in again",
                "This password change has expired or was already used. Sign in again with the password you were given.");
        if (ticket == null || ticket.isBlank() || ticket.length() > 100) {
            throw expired;
        }
        StaffAccount staff = StaffAccount.<StaffAccount>find("passwordChangeTicket", hash(ticket)).firstResult();
        if (staff == null || !staff.enabled || !staff.passwordChangeRequired || staff.passwordChangeTicketExpiresAt == null
                || staff.passwordChangeTicketExpiresAt.isBefore(OffsetDateTime.now(ZoneOffset.UTC))) {
            throw expired;
        }
        return staff;
    }

    private static String hash(String ticket) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String roleList(StaffAccount staff) {
        return staff.roles.isEmpty() ? "none" : String.join(",", new java.util.TreeSet<>(staff.roles));
    }
}
