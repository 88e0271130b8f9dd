package com.recoverydesk.identity;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a token that its holder signed out, or whose staff account was disabled or changed
 * after it was issued (staff administration), although its signature and expiry are still good.
 */
@ApplicationScoped
public class RevokedTokenAugmentor implements SecurityIdentityAugmentor {

    private final TokenService tokens;

    public RevokedTokenAugmentor(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> {
            if (tokens.isRevoked(jwt.getTokenID())) {
                throw new AuthenticationFailedException("token signed out");
            }
            // a provider's staff token names no built-in staff account, even where the user names match
            if (!jwt.getGroups().contains(Roles.REQUESTER) && tokens.isOwnIssuer(jwt.getIssuer())
                    && tokens.isOvertaken(jwt.getName(), sessionGeneration(jwt))) {
                throw new AuthenticationFailedException("token overtaken by a change of its staff account");
            }
            return identity;
        });
    }

    /** The claim as a number, whichever JSON type the parser gave it; absent in tokens issued before it existed. */
    private static Number sessionGeneration(JsonWebToken jwt) {
        Object claim = jwt.getClaim(TokenService.SESSION_GENERATION_CLAIM);
        if (claim instanceof Number number) {
            return number;
        }
        if (claim instanceof jakarta.json.JsonNumber json) {
            return json.intValue();
        }
        return null;
    }
}
