package com.recoverydesk.web;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;

/** Who is looking at a screen, for the layout's navigation ({@code inject:currentUser}). */
@Named("currentUser")
@RequestScoped
public class CurrentUser {

    private final SecurityIdentity identity;

    public CurrentUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean isStaff() {
        return !identity.isAnonymous() && StaffPlace.forRoles(identity.getRoles()).size() > 0;
    }

    public String getName() {
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }

    public List<StaffPlace> getPlaces() {
        return identity.isAnonymous() ? List.of() : StaffPlace.forRoles(identity.getRoles());
    }
}
