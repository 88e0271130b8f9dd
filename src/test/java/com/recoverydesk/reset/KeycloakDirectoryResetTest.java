package com.recoverydesk.reset;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.accounts.KeycloakAccountDirectory;
import com.recoverydesk.accounts.RemovedAuthenticators;
import com.recoverydesk.support.KeycloakCustomers;
import com.recoverydesk.support.KeycloakProfile;
import com.recoverydesk.support.ResetFixtures;
import com.recoverydesk.support.TestAccounts;
import com.recoverydesk.support.TestCases;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reset of {@link ResetProcessTest} with the customers in a real Keycloak
 * ({@code recovery.accounts.directory=keycloak}): the desk's service account removes the
 * authenticator, ends the sessions, locks withdrawals in the user attribute and leaves the new
 * authenticator to Keycloak's own sign-in (the required action).
 */
@QuarkusTest
@TestProfile(KeycloakProfile.class)
class KeycloakDirectoryResetTest {

    @Inject
    ResetService resets;

    @Inject
    ResetStatusService status;

    @Inject
    KeycloakAccountDirectory directory;

    @Test
    void shouldResetTheKeycloakUserOnceAndLeaveTheNewAuthenticatorToKeycloaksSignIn() {
        KeycloakCustomers.Customer customer = KeycloakCustomers.create();
        KeycloakCustomers.signIn(customer);
        assertEquals(1, KeycloakCustomers.sessions(customer), "signed in on the old phone");
        assertTrue(KeycloakCustomers.credentialTypes(customer).contains("otp"));

        TestCases.ApprovedCase approved = TestCases.approvedCase(customer.email());
        String announcement = TestAccounts.newestMailTextMatching(customer.email(), "This was not you", Duration.ofSeconds(20));
        assertTrue(announcement.contains(approved.ticketRef()), announcement);
        TestAccounts.newestMailTextMatching(customer.secondAddress(), "This was not you", Duration.ofSeconds(5));
        ResetFixtures.awaitStatus(approved.caseToken(), "RECOVERED", Duration.ofSeconds(30));

        // the mail sends the customer to the service's own sign-in, not to the desk's /enrol page
        String done = TestAccounts.newestMailTextMatching(customer.email(), "was reset", Duration.ofSeconds(10));
        assertTrue(done.contains("its own sign-in asks you to set up your new authenticator"), done);
        assertFalse(done.contains("/enrol/"), done);

        // Keycloak: no authenticator, no session, the required action, withdrawals locked for about a day
        Map<String, List<String>> attributes = KeycloakCustomers.attributes(customer);
        assertEquals(List.of("password"), KeycloakCustomers.credentialTypes(customer));
        assertEquals(0, KeycloakCustomers.sessions(customer));
        assertTrue(KeycloakCustomers.requiredActions(customer).contains("CONFIGURE_TOTP"), KeycloakCustomers.requiredActions(customer).toString());
        Instant lockedUntil = Instant.parse(attributes.get("withdrawalsLockedUntil").get(0));
        Duration lock = Duration.between(Instant.now(), lockedUntil);
        assertTrue(lock.compareTo(Duration.ofHours(23)) > 0 && lock.compareTo(Duration.ofHours(25)) < 0, lock.toString());
        // the customer's own sign-in now stops at the new authenticator: a password grant alone gets no token
        KeycloakCustomers.signInAtTheService(customer, null).statusCode(400).body("error_description", containsString("not fully set up"));

        // what staff see of it, through the port
        AccountSecurityView account = status.accountSecurity(approved.caseId()).orElseThrow();
        assertEquals("ACTIVE", account.status());
        assertEquals(0, account.authenticators());

        // the same reset delivered again, and each operation repeated as an interrupted try would: Keycloak changes once
        int changes = KeycloakCustomers.changesOf(customer);
        assertTrue(changes > 1, "the desk's changes are recorded: " + changes);
        assertEquals(ResetService.Outcome.RESET, resets.resetTwoFactor(approved.caseId()));
        Instant resetAt = QuarkusTransaction.requiringNew().call(() -> AccountReset.<AccountReset>findById(approved.caseId()).resetAt.toInstant());
        assertEquals(new RemovedAuthenticators(0, 0), directory.removeAuthenticators(customer.userId()));
        assertEquals(0, directory.revokeSessions(customer.userId(), resetAt));
        assertEquals(lockedUntil, directory.lockWithdrawals(customer.userId(), resetAt.plus(Duration.ofHours(1))), "a lock never gets shorter");
        directory.startReEnrolment(customer.userId(), approved.caseId());
        assertEquals(changes, KeycloakCustomers.changesOf(customer), "no further change in Keycloak");
        assertEquals(attributes, KeycloakCustomers.attributes(customer));

        List<String> story = ResetFixtures.story(approved.caseId());
        ResetProcessTest.assertInOrder(story, "requester case.opened", "system reset.announced", "system account.2fa-reset",
                "system reset.re-enrolment-at-sign-in-notified", "system case.closed");
        assertEquals(1, ResetFixtures.count(story, "system account.2fa-reset"));
        assertEquals(0, ResetFixtures.count(story, "system reset.enrolment-link-sent"));
    }

    @Test
    void shouldRejectAUserDisabledWhileTheCaseRan() {
        KeycloakCustomers.Customer customer = KeycloakCustomers.create();
        TestCases.ApprovedCase approved = TestCases.approvedCase(customer.email(), () -> KeycloakCustomers.disable(customer));

        ResetFixtures.awaitStatus(approved.caseToken(), "REJECTED", Duration.ofSeconds(30));
        String mail = TestAccounts.newestMailTextMatching(customer.email(), "could not approve", Duration.ofSeconds(10));
        assertTrue(mail.contains("closed"), mail);
        List<String> story = ResetFixtures.story(approved.caseId());
        ResetProcessTest.assertInOrder(story, "system reset.announced", "system reset.refused", "system case.closed");
        assertEquals(0, ResetFixtures.count(story, "system account.2fa-reset"));
        assertTrue(KeycloakCustomers.credentialTypes(customer).contains("otp"), "nothing was removed");
        assertEquals(List.of(), KeycloakCustomers.requiredActions(customer));
        assertFalse(KeycloakCustomers.attributes(customer).containsKey("withdrawalsLockedUntil"));
        assertEquals("CLOSED", status.accountSecurity(approved.caseId()).orElseThrow().status());
    }

    @Test
    void shouldFindAKeycloakUserByExactAddressOnlyAndReadItsKycAttributes() {
        KeycloakCustomers.Customer customer = KeycloakCustomers.create();
        assertEquals(customer.userId(), directory.findByEmail(customer.email().toUpperCase()).orElseThrow().accountRef());
        assertTrue(directory.findByEmail(customer.email().substring(0, customer.email().indexOf('@'))).isEmpty(), "no partial match");
        assertEquals(List.of(customer.email(), customer.secondAddress()), directory.notificationAddresses(customer.userId()));
        var kyc = directory.kycOnFile(customer.userId()).orElseThrow();
        assertEquals("Kay Customer", kyc.name());
        assertEquals(java.time.LocalDate.of(1990, 5, 17), kyc.dateOfBirth().orElseThrow());
        assertEquals("4242", kyc.documentLastDigits().orElseThrow());
        assertEquals("DE", kyc.country().orElseThrow());
    }
}
