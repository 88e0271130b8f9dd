package com.recoverydesk.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.idm.UserSessionRepresentation;

/**
 * The account directory on Keycloak's admin REST API (docs/integration.md, ADR 0008): the customers
 * are the users of one realm, reached with the service account of a client that holds only
 * {@code realm-management} {@code view-users} and {@code manage-users}. Each operation reads the
 * user first and changes only what is not yet as it should be, so a retried job changes nothing
 * twice. Keycloak unreachable (or answering 5xx) is a plain runtime exception: the job fails and
 * comes back after its back-off.
 */
@ApplicationScoped
@Typed(KeycloakAccountDirectory.class)
public class KeycloakAccountDirectory implements AccountDirectory {

    /** Keycloak's required action that makes its own sign-in ask for a new authenticator. */
    public static final String CONFIGURE_TOTP = "CONFIGURE_TOTP";
    /** Credential types that are authenticators; the recovery codes are the backup codes. */
    static final Set<String> AUTHENTICATOR_TYPES = Set.of("otp", "webauthn", "webauthn-passwordless");
    static final String BACKUP_CODE_TYPE = "recovery-authn-codes";
    /** The desk's own bookkeeping on the user, admin-only attributes (docs/operations.md). */
    static final String RE_ENROLMENT_KEY = "recoveryDeskReEnrolmentKey";
    static final String RE_ENROLMENT_STARTED_AT = "recoveryDeskReEnrolmentStartedAt";
    static final String SESSIONS_REVOKED_AT = "recoveryDeskSessionsRevokedAt";
    static final String FLAGGED_AT = "recoveryDeskFlaggedAt";
    static final String FLAG_REASON = "recoveryDeskFlagReason";

    private final AccountsConfig.Keycloak config;
    private final Supplier<Keycloak> keycloak;

    @jakarta.inject.Inject
    public KeycloakAccountDirectory(AccountsConfig config, KeycloakAdminClient client) {
        this(config, client::get);
    }

    /** @param keycloak looked up at each call: the extension's client exists only when it is configured */
    KeycloakAccountDirectory(AccountsConfig config, Supplier<Keycloak> keycloak) {
        this.config = config.keycloak();
        this.keycloak = keycloak;
    }

    @Override
    public Optional<CustomerAccount> findByEmail(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        String wanted = email.trim().toLowerCase(Locale.ROOT);
        List<UserRepresentation> found = call("the e-mail look-up", () -> realm().users().searchByEmail(wanted, true));
        // exact=true still leaves the comparison to the store; only one exact, case-insensitive match counts
        List<UserRepresentation> exact = found.stream().filter(u -> u.getEmail() != null && u.getEmail().equalsIgnoreCase(wanted)).toList();
        return exact.size() == 1 ? Optional.of(toAccount(exact.get(0))) : Optional.empty();
    }

    @Override
    public Optional<CustomerAccount> findByRef(String accountRef) {
        return find(accountRef).map(this::toAccount);
    }

    @Override
    public Optional<KycRecord> kycOnFile(String accountRef) {
        return find(accountRef).map(user -> new KycRecord(displayName(user),
                first(user, config.kycDateOfBirthAttribute()).flatMap(KeycloakAccountDirectory::date),
                first(user, config.kycDocumentLastDigitsAttribute()), first(user, config.kycCountryAttribute())));
    }

    @Override
    public List<String> notificationAddresses(String accountRef) {
        UserRepresentation user = require(accountRef);
        Set<String> addresses = new LinkedHashSet<>();
        if (user.getEmail() != null) {
            addresses.add(user.getEmail().toLowerCase(Locale.ROOT));
        }
        values(user, config.notificationAddressesAttribute()).stream().map(a -> a.trim().toLowerCase(Locale.ROOT))
                .filter(a -> !a.isEmpty()).forEach(addresses::add);
        return List.copyOf(addresses);
    }

    @Override
    public AccountSecurity securityOf(String accountRef) {
        UserRepresentation user = require(accountRef);
        List<CredentialRepresentation> credentials = call(accountRef, () -> user(accountRef).credentials());
        int sessions = call(accountRef, () -> user(accountRef).getUserSessions()).size();
        int authenticators = (int) credentials.stream().filter(c -> AUTHENTICATOR_TYPES.contains(c.getType())).count();
        int backupCodes = (int) credentials.stream().filter(c -> BACKUP_CODE_TYPE.equals(c.getType())).count();
        return new AccountSecurity(accountRef, !enabled(user), authenticators, backupCodes,
                first(user, config.withdrawalLockAttribute()).flatMap(KeycloakAccountDirectory::instant),
                first(user, SESSIONS_REVOKED_AT).flatMap(KeycloakAccountDirectory::instant),
                sessions, first(user, FLAGGED_AT).isPresent(), requiredActions(user).contains(CONFIGURE_TOTP));
    }

    @Override
    public RemovedAuthenticators removeAuthenticators(String accountRef) {
        requireActive(require(accountRef));
        int authenticators = 0;
        int backupCodes = 0;
        for (CredentialRepresentation credential : call(accountRef, () -> user(accountRef).credentials())) {
            boolean authenticator = AUTHENTICATOR_TYPES.contains(credential.getType());
            if (authenticator || BACKUP_CODE_TYPE.equals(credential.getType())) {
                if (removeCredential(accountRef, credential.getId())) {
                    authenticators += authenticator ? 1 : 0;
                    backupCodes += authenticator ? 0 : 1;
                }
            }
        }
        return new RemovedAuthenticators(authenticators, backupCodes);
    }

    /**
     * Ends the sessions that started at or before {@code asOf}, one by one, rather than logging the
     * user out altogether: a retry after the customer signed in again must not end the new session.
     */
    @Override
    public int revokeSessions(String accountRef, Instant asOf) {
        UserRepresentation user = require(accountRef);
        int revoked = 0;
        for (UserSessionRepresentation session : call(accountRef, () -> user(accountRef).getUserSessions())) {
            if (session.getStart() <= asOf.toEpochMilli() && endSession(accountRef, session.getId())) {
                revoked++;
            }
        }
        Optional<Instant> before = first(user, SESSIONS_REVOKED_AT).flatMap(KeycloakAccountDirectory::instant);
        if (before.isEmpty() || before.get().isBefore(asOf)) {
            updateAttributes(accountRef, user, Map.of(SESSIONS_REVOKED_AT, asOf.toString()));
        }
        return revoked;
    }

    @Override
    public Instant lockWithdrawals(String accountRef, Instant until) {
        UserRepresentation user = require(accountRef);
        Optional<Instant> existing = first(user, config.withdrawalLockAttribute()).flatMap(KeycloakAccountDirectory::instant);
        if (existing.isPresent() && !existing.get().isBefore(until)) {
            return existing.get(); // a lock never gets shorter
        }
        updateAttributes(accountRef, user, Map.of(config.withdrawalLockAttribute(), until.toString()));
        return until;
    }

    @Override
    public ReEnrolment startReEnrolment(String accountRef, String requestKey) {
        UserRepresentation user = require(accountRef);
        requireActive(user);
        Optional<Instant> startedAt = first(user, RE_ENROLMENT_STARTED_AT).flatMap(KeycloakAccountDirectory::instant);
        if (first(user, RE_ENROLMENT_KEY).filter(requestKey::equals).isPresent() && startedAt.isPresent()
                && requiredActions(user).contains(CONFIGURE_TOTP)) {
            return new ReEnrolment(accountRef, requestKey, startedAt.get());
        }
        Instant now = Instant.now();
        List<String> actions = new ArrayList<>(requiredActions(user));
        if (!actions.contains(CONFIGURE_TOTP)) {
            actions.add(CONFIGURE_TOTP);
        }
        user.setRequiredActions(actions);
        // one update carries the required action and the key, so Keycloak never holds one without the other
        updateAttributes(accountRef, user, Map.of(RE_ENROLMENT_KEY, requestKey, RE_ENROLMENT_STARTED_AT, now.toString()));
        return new ReEnrolment(accountRef, requestKey, now);
    }

    /** Keycloak's own sign-in takes the new authenticator (the required action); the desk stores none. */
    @Override
    public void completeReEnrolment(String accountRef, String requestKey, String totpSecret, long confirmedStep, List<String> backupCodeHashes) {
        throw new DirectoryException(DirectoryException.Kind.REFUSED,
                "account " + accountRef + " re-enrols at the identity system's own sign-in");
    }

    @Override
    public boolean reEnrolsAtOwnSignIn() {
        return true;
    }

    @Override
    public void flagAccount(String accountRef, String reason) {
        UserRepresentation user = require(accountRef);
        if (first(user, FLAGGED_AT).isEmpty()) {
            updateAttributes(accountRef, user, Map.of(FLAGGED_AT, Instant.now().toString(),
                    FLAG_REASON, reason.length() > 200 ? reason.substring(0, 200) : reason));
        }
    }

    // ---- Keycloak calls ----

    private RealmResource realm() {
        Keycloak client = keycloak.get();
        return client.realm(config.realm());
    }

    private UserResource user(String accountRef) {
        return realm().users().get(accountRef);
    }

    private Optional<UserRepresentation> find(String accountRef) {
        if (accountRef == null || accountRef.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(call(accountRef, () -> user(accountRef).toRepresentation()));
        } catch (DirectoryException e) {
            if (e.kind() == DirectoryException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private UserRepresentation require(String accountRef) {
        return find(accountRef).orElseThrow(() -> new DirectoryException(DirectoryException.Kind.NOT_FOUND, "no account " + accountRef));
    }

    /** Writes the attributes (and whatever else was set on {@code user}) in one PUT of the whole user. */
    private void updateAttributes(String accountRef, UserRepresentation user, Map<String, String> changes) {
        Map<String, List<String>> attributes = user.getAttributes() == null ? new HashMap<>() : new HashMap<>(user.getAttributes());
        changes.forEach((name, value) -> attributes.put(name, List.of(value)));
        user.setAttributes(attributes);
        call(accountRef, () -> {
            user(accountRef).update(user);
            return null;
        });
    }

    /** @return false when the credential was gone already (removed by an earlier, interrupted try) */
    private boolean removeCredential(String accountRef, String credentialId) {
        try {
            call(accountRef, () -> {
                user(accountRef).removeCredential(credentialId);
                return null;
            });
            return true;
        } catch (DirectoryException e) {
            if (e.kind() == DirectoryException.Kind.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    private boolean endSession(String accountRef, String sessionId) {
        try {
            call(accountRef, () -> {
                realm().deleteSession(sessionId, false);
                return null;
            });
            return true;
        } catch (DirectoryException e) {
            if (e.kind() == DirectoryException.Kind.NOT_FOUND) {
                return false; // ended meanwhile
            }
            throw e;
        }
    }

    /**
     * A 404 is the business answer NOT_FOUND; anything else (unreachable, 401 of a broken service
     * account, 5xx) is a technical fault whose message names the account reference only.
     */
    private static <T> T call(String accountRef, Supplier<T> request) {
        try {
            return request.get();
        } catch (NotFoundException e) {
            throw new DirectoryException(DirectoryException.Kind.NOT_FOUND, "Keycloak knows no " + accountRef);
        } catch (jakarta.ws.rs.WebApplicationException e) {
            throw new KeycloakUnavailableException("Keycloak answered " + e.getResponse().getStatus() + " on " + accountRef);
        } catch (RuntimeException e) {
            // no cause attached: a client exception's text can hold the request's address, an e-mail look-up's among them
            throw new KeycloakUnavailableException("Keycloak unreachable on " + accountRef + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    // ---- reading users ----

    private CustomerAccount toAccount(UserRepresentation user) {
        Instant opened = user.getCreatedTimestamp() == null ? Instant.EPOCH : Instant.ofEpochMilli(user.getCreatedTimestamp());
        CustomerAccount.BalanceTier tier = first(user, config.balanceTierAttribute()).map(t -> {
            try {
                return CustomerAccount.BalanceTier.valueOf(t.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return CustomerAccount.BalanceTier.STANDARD;
            }
        }).orElse(CustomerAccount.BalanceTier.STANDARD);
        Set<String> countries = new TreeSet<>();
        values(user, config.usualCountriesAttribute()).forEach(v -> {
            for (String c : v.split(",")) {
                if (!c.isBlank()) {
                    countries.add(c.trim().toUpperCase(Locale.ROOT));
                }
            }
        });
        // the last change of the account's 2FA as Keycloak saw it: the desk's own re-enrolment start
        Optional<Instant> lastSecurityChange = first(user, RE_ENROLMENT_STARTED_AT).flatMap(KeycloakAccountDirectory::instant);
        return new CustomerAccount(user.getId(), user.getEmail() == null ? "" : user.getEmail().toLowerCase(Locale.ROOT), displayName(user),
                opened, tier, !enabled(user), lastSecurityChange, countries);
    }

    private static String displayName(UserRepresentation user) {
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " " + (user.getLastName() == null ? "" : user.getLastName())).trim();
        return name.isEmpty() ? user.getUsername() : name;
    }

    private static boolean enabled(UserRepresentation user) {
        return Boolean.TRUE.equals(user.isEnabled());
    }

    private static List<String> requiredActions(UserRepresentation user) {
        return user.getRequiredActions() == null ? List.of() : user.getRequiredActions();
    }

    private static List<String> values(UserRepresentation user, String attribute) {
        if (user.getAttributes() == null) {
            return List.of();
        }
        List<String> values = user.getAttributes().get(attribute);
        return values == null ? List.of() : values;
    }

    private static Optional<String> first(UserRepresentation user, String attribute) {
        return values(user, attribute).stream().filter(v -> v != null && !v.isBlank()).findFirst();
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<LocalDate> date(String text) {
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static void requireActive(UserRepresentation user) {
        if (!enabled(user)) {
            throw new DirectoryException(DirectoryException.Kind.NOT_ELIGIBLE, "account " + user.getId() + " is disabled");
        }
    }

    /** Keycloak did not answer as it should: retrying later may succeed. */
    public static final class KeycloakUnavailableException extends DirectoryUnavailableException {
        KeycloakUnavailableException(String message) {
            super(message);
        }
    }
}
