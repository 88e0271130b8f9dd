package com.recoverydesk.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "recovery.identity")
public interface IdentityConfig {

    /** The issuer written into and required of every token the service signs. */
    String issuer();

    Duration staffTokenLifetime();

    /** Staff must confirm a TOTP code at sign-in; true everywhere but the demo and the tests. */
    boolean requireTotp();

    /**
     * Where the embedded default keeps the token signing key pair it generates on first start.
     * Unset in production, where the keys come from the environment (see application.properties).
     */
    Optional<String> keyDir();

    /** Seeds the demo staff and accounts of DESIGN.md §11; only ever true in demo and tests. */
    @WithDefault("false")
    boolean seedDemoData();

    LoginThrottle loginThrottle();

    /**
     * The first administrator of a production desk, created at start when no staff account of
     * that name exists: production seeds no demo staff, so someone must be able to sign in.
     */
    BootstrapAdmin bootstrapAdmin();

    /**
     * Staff tokens from an OIDC provider (a Keycloak realm) accepted on the API beside the service's
     * own (ADR 0008); unset, only the built-in staff login's tokens are.
     */
    StaffProvider staffProvider();

    interface StaffProvider {
        /** The realm's issuer, e.g. {@code https://sso.example.com/realms/staff}; unset turns the provider off. */
        Optional<String> issuer();

        /** The realm's JWKS; by default Keycloak's, under the issuer. */
        Optional<String> jwksUrl();

        /** Where the roles are in the token (a path, '/'-separated); Keycloak puts realm roles here. */
        @WithDefault("realm_access/roles")
        String rolesClaim();

        /** The audience a token must carry, when the realm adds one for the desk's client. */
        Optional<String> audience();
    }

    interface BootstrapAdmin {
        Optional<String> username();

        /** A bcrypt hash, never the password itself. */
        Optional<String> passwordHash();

        /** The Base32 TOTP secret of the administrator's authenticator (required outside the demo). */
        Optional<String> totpSecret();
    }

    interface LoginThrottle {
        /** Failures allowed for one user name from one client address before that pair is locked. */
        int maxFailures();

        /**
         * Failures of one user name, from all addresses together, after which (and after every
         * further such number) security is alerted: someone is guessing or locking out that name.
         */
        @io.smallrye.config.WithDefault("20")
        int alertAfterFailures();

        /** Failures allowed from one client address (all names together) before it is locked. */
        int maxFailuresPerAddress();

        /** The first lock; each further failure doubles it, up to {@link #maxLock()}. */
        Duration baseLock();

        Duration maxLock();
    }
}
