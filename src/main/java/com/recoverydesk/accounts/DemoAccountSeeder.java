package com.recoverydesk.accounts;

import com.recoverydesk.identity.IdentityConfig;
import com.recoverydesk.identity.Totp;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The demo accounts of DESIGN.md §11, seeded with the demo staff: alice and bob are ordinary,
 * carol holds a large balance (HIGH risk), dave's account is closed (the reset is refused). Each
 * has the password {@value #DEMO_PASSWORD} for {@code /demo/sign-in}, an authenticator whose
 * secret nobody knows (the phone that was lost) and a signed-in session; alice also has a second
 * registered address, so that the announcement visibly goes to both.
 */
@ApplicationScoped
public class DemoAccountSeeder {

    public static final String DEMO_PASSWORD = "customer-demo";

    private final IdentityConfig config;
    private final BuiltInAccountDirectory directory;

    public DemoAccountSeeder(IdentityConfig config, BuiltInAccountDirectory directory) {
        this.config = config;
        this.directory = directory;
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
        directory.addNotificationAddress("ACC-1001", "alice.backup@example.com");
    }

    private void seed(String ref, String email, String name, OffsetDateTime openedAt, CustomerAccount.BalanceTier tier,
                      DirectoryAccount.Status status, String countries, Kyc kyc) {
        DirectoryAccount account = DirectoryAccount.<DirectoryAccount>find("accountRef", ref).firstResult();
        if (account == null) {
            account = new DirectoryAccount();
            account.accountRef = ref;
            account.email = email;
            account.displayName = name;
            account.openedAt = openedAt;
            account.balanceTier = tier;
            account.status = status;
            account.usualCountries = countries;
            account.persist();
        }
        if (account.passwordHash != null) {
            return; // seeded before (the demo database outlives restarts)
        }
        kyc.applyTo(account);
        directory.setPassword(ref, DEMO_PASSWORD);
        directory.addAuthenticator(ref, "Phone (lost)", Totp.newSecret());
        directory.openSession(ref, "Mobile app");
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
