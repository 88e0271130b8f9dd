package com.recoverydesk.identity;

import com.recoverydesk.audit.Actor;
import com.recoverydesk.audit.AuditTrail;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Creates the first administrator from {@code recovery.identity.bootstrap-admin.*} (environment
 * variables in production) when no staff account of that name exists yet. Existing accounts are
 * never changed, so the settings can stay in place after the first start.
 */
@ApplicationScoped
public class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);

    private final IdentityConfig config;
    private final AuditTrail audit;

    public BootstrapAdmin(IdentityConfig config, AuditTrail audit) {
        this.config = config;
        this.audit = audit;
    }

    @Transactional
    void create(@Observes StartupEvent start) {
        IdentityConfig.BootstrapAdmin admin = config.bootstrapAdmin();
        if (admin.username().isEmpty()) {
            return;
        }
        String username = admin.username().get().trim();
        if (StaffAccount.findByUsername(username).isPresent()) {
            return;
        }
        String hash = admin.passwordHash().filter(h -> h.startsWith("$2"))
                .orElseThrow(() -> new IllegalStateException("recovery.identity.bootstrap-admin.password-hash must be a bcrypt hash"));
        String totp = admin.totpSecret().map(String::trim).orElse(null);
        if (totp != null && !totp.matches("[A-Z2-7]{16,64}")) {
            throw new IllegalStateException("recovery.identity.bootstrap-admin.totp-secret must be a Base32 secret");
        }
        if (totp == null && config.requireTotp()) {
            throw new IllegalStateException("recovery.identity.bootstrap-admin.totp-secret is required: staff must sign in with TOTP");
        }
        StaffAccount staff = new StaffAccount();
        staff.username = username;
        staff.displayName = "Administrator";
        staff.passwordHash = hash;
        staff.totpSecret = totp;
        staff.roles = new TreeSet<>(Set.of(Roles.ADMIN));
        staff.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        staff.persist();
        audit.record(Actor.system(), "staff.bootstrap-admin-created", null, Map.of("username", username));
        LOG.infof("Created the bootstrap administrator '%s'", username);
    }
}
