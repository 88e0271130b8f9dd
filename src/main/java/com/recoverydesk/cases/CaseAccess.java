package com.recoverydesk.cases;

import com.recoverydesk.identity.IdentityConfig;
import com.recoverydesk.identity.Roles;
import com.recoverydesk.web.ProblemException;
import io.quarkus.hibernate.orm.panache.Panache;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The requester's access to their case: a short-lived JWT ({@code groups=["requester"]}, subject =
 * the case id) whose token id the case remembers. Issuing a new token revokes the previous one.
 */
@ApplicationScoped
public class CaseAccess {

    private final IdentityConfig identity;

    public CaseAccess(IdentityConfig identity) {
        this.identity = identity;
    }

    /** Issues a new case token and makes it the only one the case accepts. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String issueToken(RecoveryCase recoveryCase, Duration lifetime) {
        String tokenId = UUID.randomUUID().toString();
        recoveryCase.accessTokenId = tokenId;
        Instant now = Instant.now();
        return Jwt.issuer(identity.issuer())
                .subject(recoveryCase.id)
                .groups(Set.of(Roles.REQUESTER))
                .claim("jti", tokenId)
                .claim("ticketRef", recoveryCase.ticketRef)
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .sign();
    }

    /** The case the requester's token opens, or 401 if the token was replaced or revoked. */
    @Transactional(Transactional.TxType.MANDATORY)
    public RecoveryCase caseOf(JsonWebToken token) {
        RecoveryCase found = token.getSubject() == null ? null : RecoveryCase.findById(token.getSubject());
        requireCurrentToken(found, token);
        return found;
    }

    /** The case the token opens, for a change (upload, submission, withdrawal): 403 once the token only reads. */
    @Transactional(Transactional.TxType.MANDATORY)
    public RecoveryCase caseToChange(JsonWebToken token) {
        RecoveryCase found = caseUnderLock(token);
        if (found.accessReadOnly) {
            throw new ProblemException(403, "Forbidden", "Your account was reset: this case link now only shows the case.").withCode("case.read-only");
        }
        return found;
    }

    /**
     * The case the token opens, under its row lock, even when the token only reads (a sign-out). The
     * process's workers change the case under this lock and then write the audit trail: take it first
     * too, and read the case as it stands after them, so a requester's change racing a worker waits
     * instead of failing on a stale version or deadlocking on the audit chain's head.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public RecoveryCase caseUnderLock(JsonWebToken token) {
        RecoveryCase found = caseOf(token);
        Panache.getEntityManager().refresh(found, LockModeType.PESSIMISTIC_WRITE);
        requireCurrentToken(found, token);
        return found;
    }

    private static void requireCurrentToken(RecoveryCase found, JsonWebToken token) {
        if (found == null || found.accessTokenId == null || !found.accessTokenId.equals(token.getTokenID())) {
            throw new ProblemException(401, "Unauthorized", "This case link is no longer valid. Request a new code to follow your case.").withCode("case.token-invalid");
        }
    }

    /** The reset is done: the requester's token keeps showing the case and can change nothing more. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void restrictToReading(RecoveryCase recoveryCase) {
        recoveryCase.accessReadOnly = true;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void revoke(RecoveryCase recoveryCase) {
        recoveryCase.accessTokenId = null;
    }
}
