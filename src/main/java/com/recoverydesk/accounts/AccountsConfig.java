package com.recoverydesk.accounts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which account directory the desk resets accounts in, and how the Keycloak adapter reads its users. */
@ConfigMapping(prefix = "recovery.accounts")
public interface AccountsConfig {

    /** {@code built-in} (the embedded default) or {@code keycloak} (docs/integration.md). */
    @WithDefault("built-in")
    Directory directory();

    Keycloak keycloak();

    enum Directory { BUILT_IN, KEYCLOAK }

    /**
     * The Keycloak adapter. The admin client itself (server, service-account client id and secret)
     * is configured under {@code quarkus.keycloak.admin-client.*}; these name the realm the customers
     * live in and the user attributes the adapter reads and writes.
     */
    interface Keycloak {

        /** The customers' realm; by default the admin client's own realm (where its service account lives). */
        @WithDefault("${quarkus.keycloak.admin-client.realm:master}")
        String realm();

        /** Set by the adapter, read by the online service's payment side: no withdrawal before this instant (ISO 8601). */
        @WithDefault("withdrawalsLockedUntil")
        String withdrawalLockAttribute();

        /** Further addresses for notices, multi-valued. */
        @WithDefault("notificationEmails")
        String notificationAddressesAttribute();

        /** LOW, STANDARD or LARGE; absent counts as STANDARD. */
        @WithDefault("balanceTier")
        String balanceTierAttribute();

        /** ISO 3166 alpha-2 codes, multi-valued. */
        @WithDefault("usualCountries")
        String usualCountriesAttribute();

        /** KYC data on file: the date of birth (ISO 8601 date). */
        @WithDefault("kycDateOfBirth")
        String kycDateOfBirthAttribute();

        /** KYC data on file: the last digits of the identity document's number. */
        @WithDefault("kycDocumentLastDigits")
        String kycDocumentLastDigitsAttribute();

        /** KYC data on file: the identity document's country (ISO 3166 alpha-2). */
        @WithDefault("kycCountry")
        String kycCountryAttribute();
    }
}
