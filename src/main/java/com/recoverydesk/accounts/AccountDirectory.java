package com.recoverydesk.accounts;

import java.util.Optional;

/**
 * The port to the system that holds the customer accounts. The built-in implementation keeps
 * them in the service's database; an adapter to the real identity system (Keycloak's admin API
 * first) takes its place in a real deployment.
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
}
