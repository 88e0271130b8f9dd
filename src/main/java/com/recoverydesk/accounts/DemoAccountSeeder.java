package com.recoverydesk.accounts;

import com.recoverydesk.identity.IdentityConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The demo accounts of DESIGN.md §11, seeded with the demo staff: alice and bob are ordinary,
 * carol holds a large balance (HIGH risk), dave's account is closed (the reset is refused).
 */
@ApplicationScoped
public class DemoAccountSeeder {

    private final IdentityConfig config;

    public DemoAccountSeeder(IdentityConfig config) {
        this.config = config;
    }

    @Transactional
    void seed(@Observes StartupEvent start) {
        if (!config.seedDemoData()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        seed("ACC-1001", "alice@example.com", "Alice Example", now.minusYears(3), CustomerAccount.BalanceTier.STANDARD, DirectoryAccount.Status.ACTIVE, "DE,FR",
                new Kyc(LocalDate.of(1988, 4, 12), "4711", "DE"));
        seed("ACC-1002", "bob@example.com", "Bob Example", now.minusYears(2), CustomerAccount.BalanceTier.LOW, DirectoryAccount.Status.ACTIVE, "GB",
                new Kyc(LocalDate.of(1975, 11, 3), "0815", "GB"));
        seed("ACC-1003", "carol@example.com", "Carol Example", now.minusYears(4), CustomerAccount.BalanceTier.LARGE, DirectoryAccount.Status.ACTIVE, "US,CA",
                new Kyc(LocalDate.of(1969, 2, 28), "2203", "US"));
        seed("ACC-1004", "dave@example.com", "Dave Example", now.minusYears(5), CustomerAccount.BalanceTier.STANDARD, DirectoryAccount.Status.CLOSED, "NL",
                new Kyc(LocalDate.of(1991, 7, 19), "9034", "NL"));
    }

    private static void seed(String ref, String email, String name, OffsetDateTime openedAt, CustomerAccount.BalanceTier tier,
                             DirectoryAccount.Status status, String countries, Kyc kyc) {
        DirectoryAccount existing = DirectoryAccount.find("accountRef", ref).firstResult();
        if (existing != null) {
            if (existing.dateOfBirth == null) {
                // seeded before the KYC data existed
                kyc.applyTo(existing);
            }
            return;
        }
        DirectoryAccount account = new DirectoryAccount();
        account.accountRef = ref;
        account.email = email;
        account.displayName = name;
        account.openedAt = openedAt;
        account.balanceTier = tier;
        account.status = status;
        account.usualCountries = countries;
        kyc.applyTo(account);
        account.persist();
    }

    /** The demo KYC data on file: made up, like the accounts. */
    private record Kyc(LocalDate dateOfBirth, String documentLastDigits, String country) {
        void applyTo(DirectoryAccount account) {
            account.dateOfBirth = dateOfBirth;
            account.documentLastDigits = documentLastDigits;
            account.kycCountry = country;
        }
    }
}
