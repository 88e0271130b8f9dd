package com.recoverydesk.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** Picks the account directory that {@code recovery.accounts.directory} names, once, at start. */
@ApplicationScoped
public class AccountDirectoryWiring {

    @Produces
    @ApplicationScoped
    AccountDirectory accountDirectory(AccountsConfig config, Instance<BuiltInAccountDirectory> builtIn, Instance<KeycloakAccountDirectory> keycloak) {
        return switch (config.directory()) {
            case BUILT_IN -> builtIn.get();
            case KEYCLOAK -> keycloak.get();
        };
    }
}
