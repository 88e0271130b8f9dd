package com.recoverydesk.identity;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

/** Issues the service's own tokens and keeps the list of those signed out before they expired. */
@ApplicationScoped
public class TokenService {

    /** The staff account's session generation when the token was issued (see {@link #isOvertaken}). */
    static final String SESSION_GENERATION_CLAIM = "rd_sgen";

    private final IdentityConfig config;

    public TokenService(IdentityConfig config) {
        this.config = config;
    }

    public IssuedToken issueStaffToken(StaffAccount staff) {
        Instant now = Instant.now();
        Instant expiresAt = now.plus(config.staffTokenLifetime());
        String token = Jwt.issuer(config.issuer())
                .subject(staff.username)
                .upn(staff.username)
                .groups(Set.copyOf(staff.roles))
                .claim("name", staff.displayName)
                .claim(SESSION_GENERATION_CLAIM, staff.sessionGeneration)
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(expiresAt)
                .sign();
        return new IssuedToken(token, config.staffTokenLifetime().toSeconds(), expiresAt);
    }

    @Transactional
    public void revoke(String tokenId, Instant expiresAt) {
        if (tokenId == null || RevokedToken.findById(tokenId) != null) {
            return;
        }
        RevokedToken revoked = new RevokedToken();
        revoked.tokenId = tokenId;
        revoked.expiresAt = OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC);
        revoked.persist();
    }

    @Transactional
    public boolean isRevoked(String tokenId) {
        return tokenId != null && RevokedToken.findById(tokenId) != null;
    }

    /** Whether the service signed this token itself (a provider's staff tokens name no staff account here). */
    public boolean isOwnIssuer(String issuer) {
        return config.issuer().equals(issuer);
    }

    /**
     * Whether a staff token was overtaken by its account: the account is disabled, or its roles,
     * password or second factor changed after the token was issued. Tokens of names this service
     * keeps no account for (an OIDC provider's staff) are not its to judge.
     */
    @Transactional
    public boolean isOvertaken(String username, Number sessionGeneration) {
        if (username == null) {
            return false;
        }
        int generation = sessionGeneration == null ? 0 : sessionGeneration.intValue();
        return StaffAccount.findByUsername(username)
                .map(staff -> !staff.enabled || generation != staff.sessionGeneration)
                .orElse(false);
    }

    /** Forgets revocations of tokens that have expired anyway. */
    @io.quarkus.scheduler.Scheduled(every = "1h", delayed = "1m")
    @Transactional
    void forgetExpiredRevocations() {
        RevokedToken.delete("expiresAt < ?1", OffsetDateTime.now(ZoneOffset.UTC));
    }

    public record IssuedToken(String token, long expiresInSeconds, Instant expiresAt) {}
}
