package com.recoverydesk.identity;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Throttles wrong passwords per user name and address (the lock), and per client address, in the database so that the
 * limit holds across replicas. Unknown user names are throttled exactly like known ones, so the
 * throttle does not reveal which names exist.
 */
@ApplicationScoped
public class LoginThrottle {

    private final IdentityConfig.LoginThrottle policy;

    public LoginThrottle(IdentityConfig config) {
        this.policy = config.loginThrottle();
    }

    static String userKey(String username) {
        return "user:" + username.trim().toLowerCase();
    }

    /** The key that locks: one name from one address. */
    static String userAtAddressKey(String username, String address) {
        return userKey(username) + "@" + address;
    }

    static String addressKey(String address) {
        return "ip:" + address;
    }

    /** How long the key is still locked, if it is. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Duration> lockRemaining(String key) {
        LoginThrottleEntry entry = LoginThrottleEntry.findById(key);
        OffsetDateTime now = now();
        if (entry == null || entry.lockedUntil == null || !entry.lockedUntil.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, entry.lockedUntil));
    }

    /** Counts a failure against the key, locking it from the allowed number on; returns the key's failures. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int recordFailure(String key, int allowedFailures) {
        // make sure the row exists, then lock it: two failing sign-ins at once must both count
        Panache.getEntityManager()
                .createNativeQuery("insert into login_throttle (throttle_key, failures, last_failure_at) values (?1, 0, ?2) on conflict do nothing")
                .setParameter(1, key).setParameter(2, now()).executeUpdate();
        LoginThrottleEntry entry = LoginThrottleEntry.findById(key, LockModeType.PESSIMISTIC_WRITE);
        entry.failures++;
        entry.lastFailureAt = now();
        if (entry.failures >= allowedFailures) {
            entry.lockedUntil = now().plus(lockFor(entry.failures - allowedFailures));
        }
        return entry.failures;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void clear(String key) {
        LoginThrottleEntry.deleteById(key);
    }

    int maxFailuresPerUser() {
        return policy.maxFailures();
    }

    int alertAfterFailuresAcrossAddresses() {
        return Math.max(1, policy.alertAfterFailures());
    }

    int maxFailuresPerAddress() {
        return policy.maxFailuresPerAddress();
    }

    /** The lock doubles with every failure past the limit, up to the maximum. */
    Duration lockFor(int failuresPastLimit) {
        Duration lock = policy.baseLock().multipliedBy(1L << Math.min(failuresPastLimit, 20));
        return lock.compareTo(policy.maxLock()) > 0 ? policy.maxLock() : lock;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
