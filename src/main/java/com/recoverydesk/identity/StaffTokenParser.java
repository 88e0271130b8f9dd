package com.recoverydesk.identity;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * SmallRye JWT's token parsing with a second verification context for the staff's OIDC provider
 * (ADR 0008): a token whose issuer is the configured realm is verified against that realm's JWKS,
 * its roles read from the configured claim; every other token against the service's own key and
 * issuer, as before. The issuer only picks the context; the chosen context verifies signature and
 * issuer, so a token naming the realm but signed elsewhere still fails.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class StaffTokenParser extends JWTCallerPrincipalFactory {

    // one SmallRye factory per context: each caches the keys of the first context it verified with
    private final DefaultJWTCallerPrincipalFactory own = new DefaultJWTCallerPrincipalFactory();
    private final DefaultJWTCallerPrincipalFactory provider = new DefaultJWTCallerPrincipalFactory();
    private final Optional<JWTAuthContextInfo> providerContext;

    public StaffTokenParser(IdentityConfig config) {
        IdentityConfig.StaffProvider staff = config.staffProvider();
        this.providerContext = staff.issuer().filter(i -> !i.isBlank()).map(issuer -> {
            String jwks = staff.jwksUrl().orElse(issuer.replaceAll("/+$", "") + "/protocol/openid-connect/certs");
            JWTAuthContextInfo context = new JWTAuthContextInfo(jwks, issuer);
            context.setGroupsPath(staff.rolesClaim());
            context.setAlwaysCheckAuthorization(true);
            staff.audience().ifPresent(audience -> context.setExpectedAudience(Set.of(audience)));
            return context;
        });
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        if (providerContext.isPresent() && providerContext.get().getIssuedBy().equals(claimedIssuer(token).orElse(null))) {
            return provider.parse(token, providerContext.get());
        }
        return own.parse(token, authContextInfo);
    }

    /** The issuer the token claims, unverified: only used to choose who verifies it. */
    static Optional<String> claimedIssuer(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            JsonObject claims = Json.createReader(new StringReader(payload)).readObject();
            JsonValue iss = claims.get("iss");
            return iss instanceof JsonString s ? Optional.of(s.getString()) : Optional.empty();
        } catch (RuntimeException malformed) {
            return Optional.empty(); // the own context refuses it with its usual answer
        }
    }
}
