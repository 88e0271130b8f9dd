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
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("not-a-real-password-" + System.nanoTime());

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
        String userKey = LoginThrottle.userKey(username);
        String addressKey = LoginThrottle.addressKey(clientAddress);
        Optional<Duration> locked = throttle.lockRemaining(userKey).or(() -> throttle.lockRemaining(addressKey));
        Optional<StaffAccount> found = StaffAccount.findByUsername(username.trim());
        if (locked.isPresent()) {
            recordFailure(found, "locked", clientAddress);
            throw ProblemException.tooManyRequests("Too many failed sign-ins. Try again later.", locked.get());
        }

        boolean passwordOk = matches(password, found.map(a -> a.passwordHash).orElse(DUMMY_HASH));
        StaffAccount staff = found.filter(a -> a.enabled && passwordOk).orElse(null);
        boolean secondFactorOk = staff != null && (!staff.hasTotp() || Totp.verify(staff.totpSecret, totpCode, Instant.now()));
        if (staff == null || !secondFactorOk) {
            throttle.recordFailure(userKey, throttle.maxFailuresPerUser());
            throttle.recordFailure(addressKey, throttle.maxFailuresPerAddress());
            recordFailure(found, staff == null ? "bad-credentials" : "bad-second-factor", clientAddress);
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

    /** Enrols (or replaces) the signed-in staff member's authenticator once they proved a code from it. */
    @Transactional
    public void enrolTotp(String username, String secret, String code) {
        if (!Totp.verify(secret, code, Instant.now())) {
            throw ProblemException.badRequest("That code does not match. Check the time on your phone and try the current code.");
        }
        StaffAccount staff = StaffAccount.findByUsername(username)
                .orElseThrow(() -> ProblemException.notFound("No such staff account."));
        boolean replaced = staff.hasTotp();
        staff.totpSecret = secret;
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
