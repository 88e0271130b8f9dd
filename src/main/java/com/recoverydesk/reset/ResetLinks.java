package com.recoverydesk.reset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/** Issues and finds the reset's single-use links: 256 random bits in the link, only their hash stored. */
@ApplicationScoped
public class ResetLinks {

    private static final SecureRandom RANDOM = new SecureRandom();

    public record Issued(String token, ResetLink link) {}

    @Transactional(Transactional.TxType.MANDATORY)
    public Issued issue(String caseId, ResetLink.Purpose purpose, int round, OffsetDateTime expiresAt) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ResetLink link = new ResetLink();
        link.tokenHash = hash(token);
        link.caseId = caseId;
        link.purpose = purpose;
        link.round = round;
        link.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        link.expiresAt = expiresAt;
        link.persist();
        return new Issued(token, link);
    }

    /** The link of this purpose the token opens, locked for a change when {@code forUpdate}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ResetLink> find(String token, ResetLink.Purpose purpose, boolean forUpdate) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        ResetLink link = forUpdate ? ResetLink.findById(hash(token), LockModeType.PESSIMISTIC_WRITE) : ResetLink.findById(hash(token));
        return Optional.ofNullable(link).filter(l -> l.purpose == purpose);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ResetLink> existing(String caseId, ResetLink.Purpose purpose, int round) {
        return ResetLink.find("caseId = ?1 and purpose = ?2 and round = ?3", caseId, purpose, round).firstResultOptional();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
