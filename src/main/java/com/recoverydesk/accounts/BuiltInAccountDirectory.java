package com.recoverydesk.accounts;

import com.recoverydesk.identity.Totp;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The account directory kept in the service's own database (the embedded default). Besides the
 * port it offers what a real identity system does on its own and the demo needs here: setting a
 * password, enrolling an authenticator, opening sessions, and signing a customer in.
 */
@ApplicationScoped
@jakarta.enterprise.inject.Typed(BuiltInAccountDirectory.class)
public class BuiltInAccountDirectory implements AccountDirectory {

    /** What the demo sign-in answers. */
    public enum SignInOutcome { SIGNED_IN, WRONG_CREDENTIALS, NO_AUTHENTICATOR, CLOSED }

    public record SignIn(SignInOutcome outcome, Optional<Instant> withdrawalsLockedUntil, Optional<String> sessionRef) {}

    /** Checked against when the address is unknown, so that both cases cost one bcrypt. */
    // computed at the first sign-in, not at class loading: a bcrypt in the start-up costs a restart ~0.4 s (interpreted code)
    private static final class DummyHash {
        static final String VALUE = BcryptUtil.bcryptHash("not-a-real-password-" + System.nanoTime());
    }
    private static final int TOTP_STEP_SECONDS = 30;

    private final AccountSecrets secrets;

    public BuiltInAccountDirectory(AccountSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    @Transactional
    public Optional<CustomerAccount> findByEmail(String email) {
        return byEmail(email).map(DirectoryAccount::toAccount);
    }

    @Override
    @Transactional
    public Optional<CustomerAccount> findByRef(String accountRef) {
        return byRef(accountRef).map(DirectoryAccount::toAccount);
    }

    @Override
    @Transactional
    public List<String> notificationAddresses(String accountRef) {
        DirectoryAccount account = require(accountRef, false);
        List<String> addresses = new ArrayList<>();
        addresses.add(account.email);
        AccountNotificationAddress.<AccountNotificationAddress>list("accountId = ?1 order by id", account.id).stream()
                .map(a -> a.address).filter(a -> !addresses.contains(a)).forEach(addresses::add);
        return addresses;
    }

    @Override
    @Transactional
    public AccountSecurity securityOf(String accountRef) {
        DirectoryAccount account = require(accountRef, false);
        int authenticators = (int) AccountAuthenticator.count("accountId", account.id);
        int backupCodes = (int) AccountBackupCode.count("accountId = ?1 and usedAt is null", account.id);
        int sessions = (int) AccountSession.count("accountId = ?1 and revokedAt is null", account.id);
        return new AccountSecurity(account.accountRef, account.status == DirectoryAccount.Status.CLOSED, authenticators, backupCodes,
                Optional.ofNullable(account.withdrawalsLockedUntil).map(OffsetDateTime::toInstant),
                Optional.ofNullable(account.sessionsRevokedAt).map(OffsetDateTime::toInstant),
                sessions, account.flaggedAt != null, account.reEnrolmentKey != null);
    }

    @Override
    @Transactional
    public RemovedAuthenticators removeAuthenticators(String accountRef) {
        DirectoryAccount account = require(accountRef, true);
        requireActive(account);
        int authenticators = (int) AccountAuthenticator.delete("accountId", account.id);
        int backupCodes = (int) AccountBackupCode.delete("accountId", account.id);
        if (authenticators + backupCodes > 0) {
            account.lastSecurityChangeAt = now();
        }
        return new RemovedAuthenticators(authenticators, backupCodes);
    }

    @Override
    @Transactional
    public int revokeSessions(String accountRef, Instant asOf) {
        DirectoryAccount account = require(accountRef, true);
        OffsetDateTime at = asOf.atOffset(ZoneOffset.UTC);
        int revoked = Panache.getEntityManager()
                .createQuery("update AccountSession s set s.revokedAt = :at where s.accountId = :account and s.revokedAt is null and s.createdAt <= :at")
                .setParameter("at", at).setParameter("account", account.id).executeUpdate();
        if (account.sessionsRevokedAt == null || account.sessionsRevokedAt.isBefore(at)) {
            account.sessionsRevokedAt = at;
        }
        return revoked;
    }

    @Override
    @Transactional
    public Instant lockWithdrawals(String accountRef, Instant until) {
        DirectoryAccount account = require(accountRef, true);
        OffsetDateTime end = until.atOffset(ZoneOffset.UTC);
        if (account.withdrawalsLockedUntil == null || account.withdrawalsLockedUntil.isBefore(end)) {
            account.withdrawalsLockedUntil = end;
        }
        return account.withdrawalsLockedUntil.toInstant();
    }

    @Override
    @Transactional
    public ReEnrolment startReEnrolment(String accountRef, String requestKey) {
        DirectoryAccount account = require(accountRef, true);
        requireActive(account);
        if (!requestKey.equals(account.reEnrolmentKey)) {
            account.reEnrolmentKey = requestKey;
            account.reEnrolmentStartedAt = now();
        }
        return new ReEnrolment(account.accountRef, requestKey, account.reEnrolmentStartedAt.toInstant());
    }

    @Override
    @Transactional
    public void completeReEnrolment(String accountRef, String requestKey, String totpSecret, long confirmedStep, List<String> backupCodeHashes) {
        DirectoryAccount account = require(accountRef, true);
        requireActive(account);
        if (account.reEnrolmentKey == null && AccountAuthenticator.count("accountId", account.id) > 0) {
            return; // completed before: a repeated call changes nothing
        }
        if (!requestKey.equals(account.reEnrolmentKey)) {
            throw new DirectoryException(DirectoryException.Kind.REFUSED, "no re-enrolment under this request for account " + accountRef);
        }
        AccountAuthenticator authenticator = enrol(account, "Authenticator app", totpSecret);
        authenticator.lastUsedStep = confirmedStep;
        OffsetDateTime now = now();
        for (String hash : backupCodeHashes) {
            AccountBackupCode code = new AccountBackupCode();
            code.accountId = account.id;
            code.codeHash = hash;
            code.createdAt = now;
            code.persist();
        }
        account.reEnrolmentKey = null;
        account.lastSecurityChangeAt = now;
    }

    @Override
    @Transactional
    public void flagAccount(String accountRef, String reason) {
        DirectoryAccount account = require(accountRef, true);
        if (account.flaggedAt == null) {
            account.flaggedAt = now();
            account.flagReason = reason.length() > 200 ? reason.substring(0, 200) : reason;
        }
    }

    // ---- what the built-in directory offers beyond the port (seeding, the demo sign-in) ----

    @Transactional
    public void setPassword(String accountRef, String password) {
        require(accountRef, true).passwordHash = BcryptUtil.bcryptHash(password);
    }

    /** Enrols an authenticator with this secret, as the customer once did in their app. */
    @Transactional
    public void addAuthenticator(String accountRef, String label, String totpSecret) {
        enrol(require(accountRef, true), label, totpSecret);
    }

    @Transactional
    public void addNotificationAddress(String accountRef, String address) {
        DirectoryAccount account = require(accountRef, true);
        String normalised = address.trim().toLowerCase(Locale.ROOT);
        if (AccountNotificationAddress.count("accountId = ?1 and address = ?2", account.id, normalised) == 0 && !normalised.equals(account.email)) {
            AccountNotificationAddress added = new AccountNotificationAddress();
            added.accountId = account.id;
            added.address = normalised;
            added.addedAt = now();
            added.persist();
        }
    }

    @Transactional
    public void addBackupCodes(String accountRef, List<String> codes) {
        DirectoryAccount account = require(accountRef, true);
        for (String plain : codes) {
            AccountBackupCode code = new AccountBackupCode();
            code.accountId = account.id;
            code.codeHash = hashBackupCode(plain);
            code.createdAt = now();
            code.persist();
        }
    }

    @Transactional
    public String openSession(String accountRef, String client) {
        return openSession(require(accountRef, true), client);
    }

    /**
     * Signs a customer in with password and a current TOTP code. A code is accepted once: its time
     * step must be later than the last one accepted, so a code seen over a shoulder cannot be replayed.
     */
    @Transactional
    public SignIn signIn(String email, String password, String totpCode, String client) {
        Optional<DirectoryAccount> found = byEmail(email);
        boolean passwordOk = BcryptUtil.matches(password == null ? "" : password,
                found.map(a -> a.passwordHash).filter(h -> h != null).orElse(DummyHash.VALUE));
        if (found.isEmpty() || found.get().passwordHash == null || !passwordOk) {
            return new SignIn(SignInOutcome.WRONG_CREDENTIALS, Optional.empty(), Optional.empty());
        }
        DirectoryAccount account = DirectoryAccount.findById(found.get().id, LockModeType.PESSIMISTIC_WRITE);
        if (account.status == DirectoryAccount.Status.CLOSED) {
            return new SignIn(SignInOutcome.CLOSED, Optional.empty(), Optional.empty());
        }
        List<AccountAuthenticator> authenticators = AccountAuthenticator.list("accountId", account.id);
        if (authenticators.isEmpty()) {
            return new SignIn(SignInOutcome.NO_AUTHENTICATOR, Optional.empty(), Optional.empty());
        }
        Instant now = Instant.now();
        for (AccountAuthenticator authenticator : authenticators) {
            String secret = secrets.open(account.accountRef, new AccountSecrets.Sealed(authenticator.secretCiphertext, authenticator.keyId));
            OptionalLong step = matchingStep(secret, totpCode, now);
            if (step.isPresent() && step.getAsLong() > authenticator.lastUsedStep) {
                authenticator.lastUsedStep = step.getAsLong();
                String session = openSession(account, client);
                return new SignIn(SignInOutcome.SIGNED_IN, Optional.ofNullable(account.withdrawalsLockedUntil).map(OffsetDateTime::toInstant)
                        .filter(until -> until.isAfter(now)), Optional.of(session));
            }
        }
        return new SignIn(SignInOutcome.WRONG_CREDENTIALS, Optional.empty(), Optional.empty());
    }

    /** The TOTP time step whose code this is (one step of drift either way), if any. */
    public static OptionalLong matchingStep(String base32Secret, String code, Instant now) {
        if (code == null || !code.matches("\\d{6}")) {
            return OptionalLong.empty();
        }
        long current = now.getEpochSecond() / TOTP_STEP_SECONDS;
        long found = -1;
        for (long step = current - 1; step <= current + 1; step++) {
            // no early exit and a constant-time comparison: timing tells nothing about the code
            if (MessageDigest.isEqual(Totp.codeAt(base32Secret, Instant.ofEpochSecond(step * TOTP_STEP_SECONDS)).getBytes(), code.getBytes())) {
                found = step;
            }
        }
        return found < 0 ? OptionalLong.empty() : OptionalLong.of(found);
    }

    /** Backup codes are random (50 bits), so a plain SHA-256 protects them; case and dashes do not count. */
    public static String hashBackupCode(String code) {
        String normalised = code.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private AccountAuthenticator enrol(DirectoryAccount account, String label, String totpSecret) {
        AccountSecrets.Sealed sealed = secrets.seal(account.accountRef, totpSecret);
        AccountAuthenticator authenticator = new AccountAuthenticator();
        authenticator.accountId = account.id;
        authenticator.kind = "TOTP";
        authenticator.label = label;
        authenticator.secretCiphertext = sealed.ciphertext();
        authenticator.keyId = sealed.keyId();
        authenticator.enrolledAt = now();
        authenticator.persist();
        return authenticator;
    }

    private static String openSession(DirectoryAccount account, String client) {
        AccountSession session = new AccountSession();
        session.accountId = account.id;
        session.sessionRef = UUID.randomUUID().toString();
        session.client = client == null || client.isBlank() ? "unknown" : client.length() > 100 ? client.substring(0, 100) : client;
        session.createdAt = now();
        session.persist();
        return session.sessionRef;
    }

    private static Optional<DirectoryAccount> byEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        return DirectoryAccount.<DirectoryAccount>find("email", email.trim().toLowerCase(Locale.ROOT)).firstResultOptional();
    }

    private static Optional<DirectoryAccount> byRef(String accountRef) {
        return DirectoryAccount.<DirectoryAccount>find("accountRef", accountRef).firstResultOptional();
    }

    /** The account, locked for the change when {@code forUpdate}: concurrent calls for one account queue up. */
    private static DirectoryAccount require(String accountRef, boolean forUpdate) {
        DirectoryAccount account = byRef(accountRef)
                .orElseThrow(() -> new DirectoryException(DirectoryException.Kind.NOT_FOUND, "no account " + accountRef));
        if (forUpdate) {
            Panache.getEntityManager().lock(account, LockModeType.PESSIMISTIC_WRITE);
        }
        return account;
    }

    private static void requireActive(DirectoryAccount account) {
        if (account.status == DirectoryAccount.Status.CLOSED) {
            throw new DirectoryException(DirectoryException.Kind.NOT_ELIGIBLE, "account " + account.accountRef + " is closed");
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    @Override
    @Transactional
    public Optional<KycRecord> kycOnFile(String accountRef) {
        return DirectoryAccount.<DirectoryAccount>find("accountRef", accountRef)
                .firstResultOptional().map(DirectoryAccount::toKyc);
    }
}
