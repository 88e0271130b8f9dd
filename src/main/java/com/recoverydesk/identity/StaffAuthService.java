package com.recoverydesk.identity;

import com.recoverydesk.audit.Actor;
import com.recoverydesk.audit.AuditTrail;
import com.recoverydesk.web.ProblemException;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

/**
 * Signs staff in: password (bcrypt), then the TOTP code when the staff member has an
 * authenticator enrolled (always required outside the demo). Every answer to a failure is the
 * same, whether the name is unknown, the password wrong or the account disabled.
 */
@ApplicationScoped
public class StaffAuthService {

    static final String BAD_CREDENTIALS = "The user name, password or one-time code is not correct.";
    /** Checked against when the user name is unknown, so that both cases cost one bcrypt. */
    // computed at the first sign-in, not at class loading: a bcrypt in the start-up costs a restart ~0.4 s (interpreted code)
    private static final class DummyHash {
        static final String VALUE = BcryptUtil.bcryptHash("not-a-real-password-" + System.nanoTime());
    }

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(StaffAuthService.class);

    private final LoginThrottle throttle;
    private final TokenService tokens;
    private final IdentityConfig config;
    private final AuditTrail audit;
    /** Issues the ticket for a password an administrator set (issue 7 item 8). */
    @jakarta.inject.Inject
    PasswordChanges passwordChanges;

    public StaffAuthService(LoginThrottle throttle, TokenService tokens, IdentityConfig config, AuditTrail audit) {
        this.throttle = throttle;
        this.tokens = tokens;
        this.config = config;
        this.audit = audit;
    }

    /**
     * @throws ProblemException 401 for wrong credentials, 429 while the name or address is locked,
     *                          403 when TOTP is required but the account has none enrolled
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    public SignedIn signIn(String username, String password, String totpCode, String clientAddress) {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            throw new ProblemException(400, "Invalid request", "Enter your user name and password.");
        }
        // the lock is per name *and* address: five wrong passwords from anywhere must not lock the
        // real staff member out at their own desk; the address throttle stops one address guessing many names
        String userKey = LoginThrottle.userAtAddressKey(username, clientAddress);
        String addressKey = LoginThrottle.addressKey(clientAddress);
        Optional<Duration> locked = throttle.lockRemaining(userKey).or(() -> throttle.lockRemaining(addressKey));
        Optional<StaffAccount> found = StaffAccount.findByUsername(username.trim());
        if (locked.isPresent()) {
            recordFailure(found, "locked", clientAddress);
            throw ProblemException.tooManyRequests("Too many failed sign-ins. Try again later.", locked.get());
        }

        boolean passwordOk = matches(password, found.map(a -> a.passwordHash).orElse(DummyHash.VALUE));
        StaffAccount staff = found.filter(a -> a.enabled && passwordOk).orElse(null);
        boolean secondFactorOk = staff != null && (!staff.hasTotp() || acceptCodeOnce(staff, totpCode));
        if (staff == null || !secondFactorOk) {
            throttle.recordFailure(userKey, throttle.maxFailuresPerUser());
            throttle.recordFailure(addressKey, throttle.maxFailuresPerAddress());
            int acrossAddresses = throttle.recordFailure(LoginThrottle.userKey(username), Integer.MAX_VALUE);
            recordFailure(found, staff == null ? "bad-credentials" : "bad-second-factor", clientAddress);
            if (acrossAddresses % throttle.alertAfterFailuresAcrossAddresses() == 0) {
                alertOnGuessing(found, acrossAddresses);
            }
            throw new ProblemException(401, "Sign-in failed", BAD_CREDENTIALS);
        }
        if (config.requireTotp() && !staff.hasTotp()) {
            recordFailure(found, "no-second-factor-enrolled", clientAddress);
            throw new ProblemException(403, "Second factor required",
                    "This account has no authenticator enrolled. Ask an administrator to enrol one.");
        }
        if (staff.passwordChangeRequired) {
            throttle.clear(userKey);
            throw passwordChanges.ticketFor(staff);
        }
        throttle.clear(userKey);
        audit.record(Actor.staff(staff.username, roleList(staff.roles)), "staff.signed-in", null,
                Map.of("secondFactor", staff.hasTotp(), "clientAddress", clientAddress));
        return new SignedIn(staff.username, staff.displayName, java.util.List.copyOf(staff.roles), tokens.issueStaffToken(staff));
    }

    /**
     * Many failures for one name from many addresses is someone guessing (or locking out) that
     * name: the per-address locks hold them, and security hears of it. The log names no one.
     */
    private void alertOnGuessing(Optional<StaffAccount> named, int failures) {
        Actor actor = named.map(a -> Actor.staff(a.username, roleList(a.roles))).orElse(new Actor("unknown", "none"));
        audit.record(actor, "staff.sign-in-guessing-suspected", null, Map.of("failuresAcrossAddresses", failures));
        LOG.warnf("ALERT: %d failed sign-ins for one staff name from several addresses; see the audit trail (staff.sign-in-guessing-suspected)",
                failures);
    }

    /**
     * The code is right and newer than the last one accepted (RFC 6238 §5.2: a code is good once).
     * The account's row is locked so that two sign-ins with the same code cannot both pass.
     */
    private static boolean acceptCodeOnce(StaffAccount staff, String code) {
        return acceptCodeOnce(staff, staff.totpSecret, code);
    }

    private static boolean acceptCodeOnce(StaffAccount staff, String secret, String code) {
        io.quarkus.hibernate.orm.panache.Panache.getEntityManager().refresh(staff, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        java.util.OptionalLong step = Totp.matchingStep(secret, code, Instant.now());
        if (step.isEmpty() || (staff.totpLastStep != null && step.getAsLong() <= staff.totpLastStep)) {
            return false;
        }
        staff.totpLastStep = step.getAsLong();
        return true;
    }

    /** Revokes the token so that it is refused before it expires. */
    @Transactional
    public void signOut(String username, java.util.Set<String> roles, String tokenId, Instant expiresAt) {
        tokens.revoke(tokenId, expiresAt);
        audit.record(Actor.staff(username, roleList(roles)), "staff.signed-out", null, Map.of());
    }

    /**
     * A failed sign-in is recorded against the staff account it named; a name that is no staff
     * account is recorded as {@code unknown}, since it may be someone's mistyped address.
     */
    private void recordFailure(Optional<StaffAccount> named, String reason, String clientAddress) {
        Actor actor = named.map(a -> Actor.staff(a.username, roleList(a.roles))).orElse(new Actor("unknown", "none"));
        audit.record(actor, "staff.sign-in-failed", null, Map.of("reason", reason, "clientAddress", clientAddress));
    }

    private static String roleList(java.util.Collection<String> roles) {
        return roles.isEmpty() ? "none" : String.join(",", new java.util.TreeSet<>(roles));
    }

    /** The enrolment the staff member sees: the server's secret for it, made once and kept until it is confirmed. */
    @Transactional
    public String pendingTotpSecret(String username) {
        StaffAccount staff = StaffAccount.findByUsername(username)
                .orElseThrow(() -> ProblemException.notFound("No such staff account."));
        if (staff.totpPendingSecret == null) {
            staff.totpPendingSecret = Totp.newSecret();
        }
        return staff.totpPendingSecret;
    }

    /**
     * Enrols (or replaces) the signed-in staff member's authenticator with the secret the server
     * generated, once they proved a code from it. Replacing one also needs a code from the current
     * authenticator: a stolen session alone must not be able to move the second factor to another phone.
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    public void enrolTotp(String username, String code, String currentCode) {
        StaffAccount staff = StaffAccount.findByUsername(username)
                .orElseThrow(() -> ProblemException.notFound("No such staff account."));
        if (staff.totpPendingSecret == null) {
            throw ProblemException.badRequest("This enrolment has expired. Start again with the key shown now.");
        }
        boolean replaced = staff.hasTotp();
        if (replaced && !acceptCodeOnce(staff, currentCode)) {
            audit.record(Actor.staff(staff.username, roleList(staff.roles)), "staff.totp-replacement-refused", null, Map.of());
            throw ProblemException.badRequest("To replace your authenticator, enter a current code from the one you use now.");
        }
        java.util.OptionalLong step = Totp.matchingStep(staff.totpPendingSecret, code, Instant.now());
        if (step.isEmpty()) {
            throw ProblemException.badRequest("That code does not match. Check the time on your phone and try the current code.");
        }
        staff.totpSecret = staff.totpPendingSecret;
        staff.totpPendingSecret = null;
        // the code that confirmed the enrolment is spent: it cannot sign anyone in
        staff.totpLastStep = step.getAsLong();
        audit.record(Actor.staff(staff.username, roleList(staff.roles)), "staff.totp-enrolled", null, Map.of("replacedPrevious", replaced));
    }

    @Transactional
    public boolean hasTotp(String username) {
        return StaffAccount.findByUsername(username).map(StaffAccount::hasTotp).orElse(false);
    }

    static boolean matches(String password, String bcryptHash) {
        try {
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT);
            Password stored = factory.translate(ModularCrypt.decode(bcryptHash));
            return factory.verify(stored, password.toCharArray());
        } catch (Exception e) {
            return false;
        }
    }

    public record SignedIn(String username, String displayName, java.util.List<String> roles, TokenService.IssuedToken token) {}
}
