package com.recoverydesk.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Locale;
import java.util.Optional;

/** The account directory kept in the service's own database (the embedded default). */
@ApplicationScoped
public class BuiltInAccountDirectory implements AccountDirectory {

    @Override
    @Transactional
    public Optional<CustomerAccount> findByEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        return DirectoryAccount.<DirectoryAccount>find("email", email.trim().toLowerCase(Locale.ROOT))
                .firstResultOptional().map(DirectoryAccount::toAccount);
    }

    @Override
    @Transactional
    public Optional<CustomerAccount> findByRef(String accountRef) {
        return DirectoryAccount.<DirectoryAccount>find("accountRef", accountRef)
                .firstResultOptional().map(DirectoryAccount::toAccount);
    }

    @Override
    @Transactional
    public Optional<KycRecord> kycOnFile(String accountRef) {
        return DirectoryAccount.<DirectoryAccount>find("accountRef", accountRef)
                .firstResultOptional().map(DirectoryAccount::toKyc);
    }
}
