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

    /** Forgets revocations of tokens that have expired anyway. */
    @io.quarkus.scheduler.Scheduled(every = "1h", delayed = "1m")
    @Transactional
    void forgetExpiredRevocations() {
        RevokedToken.delete("expiresAt < ?1", OffsetDateTime.now(ZoneOffset.UTC));
    }

    public record IssuedToken(String token, long expiresInSeconds, Instant expiresAt) {}
}
