package com.recoverydesk.review;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The staff member behind the current request, as the review's services take them. */
@RequestScoped
public class CurrentStaff {

    private final SecurityIdentity identity;

    public CurrentStaff(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Staff get() {
        Optional<String> email = identity.getPrincipal() instanceof JsonWebToken token
                ? Optional.ofNullable(token.<String>getClaim("email")).filter(e -> !e.isBlank()) : Optional.empty();
        return new Staff(identity.getPrincipal().getName(), java.util.Set.copyOf(identity.getRoles()), email);
    }
}
