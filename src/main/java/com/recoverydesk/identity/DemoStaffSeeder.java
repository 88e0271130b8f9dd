package com.recoverydesk.identity;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Seeds the demo staff of DESIGN.md §11 (password {@value #DEMO_PASSWORD}, no TOTP) when
 * {@code recovery.identity.seed-demo-data} is on: the demo and the tests, never production
 * (ProductionGuard refuses to start if it is on there).
 */
@ApplicationScoped
public class DemoStaffSeeder {

    public static final String DEMO_PASSWORD = "recovery-demo";
    private static final Logger LOG = Logger.getLogger(DemoStaffSeeder.class);

    static final Map<String, String> DEMO_STAFF = Map.of(
            "agent1", Roles.AGENT,
            "agent2", Roles.AGENT,
            "supervisor1", Roles.SUPERVISOR,
            "supervisor2", Roles.SUPERVISOR,
            "compliance1", Roles.COMPLIANCE,
            "manager1", Roles.MANAGER,
            "admin1", Roles.ADMIN);

    private final IdentityConfig config;

    public DemoStaffSeeder(IdentityConfig config) {
        this.config = config;
    }

    @Transactional
    void seed(@Observes StartupEvent start) {
        if (!config.seedDemoData()) {
            return;
        }
        int created = 0;
        for (Map.Entry<String, String> demo : DEMO_STAFF.entrySet()) {
            java.util.Optional<StaffAccount> existing = StaffAccount.findByUsername(demo.getKey());
            if (existing.isPresent()) {
                if (existing.get().email == null) {
                    // seeded before staff had addresses
                    existing.get().email = demoAddress(demo.getKey());
                }
                continue;
            }
            StaffAccount staff = new StaffAccount();
            staff.username = demo.getKey();
            staff.displayName = displayName(demo.getKey());
            staff.email = demoAddress(demo.getKey());
            staff.passwordHash = BcryptUtil.bcryptHash(DEMO_PASSWORD);
            staff.roles = new java.util.TreeSet<>(Set.of(demo.getValue()));
            staff.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
            staff.persist();
            created++;
        }
        if (created > 0) {
            LOG.infof("Seeded %d demo staff accounts (password '%s')", created, DEMO_PASSWORD);
        }
    }

    /** The demo staff's addresses: the demo mailbox shows what is sent to them (escalations). */
    static String demoAddress(String username) {
        return username + "@recovery-desk.local";
    }

    private static String displayName(String username) {
        String role = username.replaceAll("\\d", "");
        String number = username.replaceAll("\\D", "");
        return Character.toUpperCase(role.charAt(0)) + role.substring(1) + " " + number;
    }
}
