package com.recoverydesk.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The port to the system that holds the customer accounts. The built-in implementation keeps
 * them in the service's database; an adapter to the real identity system (Keycloak's admin API
 * first) takes its place in a real deployment. docs/integration.md is the contract: every
 * changing operation is idempotent (a retried job calls it again), refers to the account by its
 * stable reference, and fails with {@link DirectoryException} naming what went wrong.
 */
public interface AccountDirectory {

    /** The account registered under this address (case-insensitive), if any. */
    Optional<CustomerAccount> findByEmail(String email);

    Optional<CustomerAccount> findByRef(String accountRef);

    /**
     * The KYC data on file for the account, for the reviewer. A directory that holds none
     * answers empty, and the case page says so.
     */
    default Optional<KycRecord> kycOnFile(String accountRef) {
        return Optional.empty();
    }

    /** Every address registered for notices about the account, the account's email first. */
    List<String> notificationAddresses(String accountRef);

    /** The account's security state, without any secret. */
    AccountSecurity securityOf(String accountRef);

    /**
     * Removes every authenticator enrolment and every backup code. Removing what is already gone
     * changes nothing and answers zero counts.
     *
     * @throws DirectoryException {@code NOT_ELIGIBLE} for a closed account, which is never reset
     */
    RemovedAuthenticators removeAuthenticators(String accountRef);

    /**
     * Revokes every session opened before {@code asOf}. Calling it again with the same time revokes
     * nothing more and answers 0; a session opened after {@code asOf} (the customer signing in
     * again after re-enrolling) is never touched.
     *
     * @return how many sessions this call revoked
     */
    int revokeSessions(String accountRef, Instant asOf);

    /**
     * Locks withdrawals until {@code until}. A lock never gets shorter: an existing later lock
     * stands. The port offers no way to lift or shorten a lock, on purpose.
     *
     * @return the lock's end as it now stands
     */
    Instant lockWithdrawals(String accountRef, Instant until);

    /**
     * Starts re-enrolment: the account must enrol a new authenticator on its next sign-in.
     * Idempotent per {@code requestKey} (the case id): a second call answers the first one's start.
     */
    ReEnrolment startReEnrolment(String accountRef, String requestKey);

    /**
     * Finishes the re-enrolment started under {@code requestKey}: the new TOTP secret (Base32) and
     * the hashes of the new backup codes. Repeating it after success changes nothing.
     *
     * @param confirmedStep the TOTP time step of the code the customer confirmed with, which can
     *                      then not be used again
     */
    void completeReEnrolment(String accountRef, String requestKey, String totpSecret, long confirmedStep, List<String> backupCodeHashes);

    /**
     * Whether the identity system's own sign-in takes the new authenticator (Keycloak's required
     * action), so that the desk mails no {@code /enrol} link and {@link #completeReEnrolment} is never called.
     */
    default boolean reEnrolsAtOwnSignIn() {
        return false;
    }

    /** Marks the account as under suspicion (someone objected to a reset). Idempotent. */
    void flagAccount(String accountRef, String reason);
}
