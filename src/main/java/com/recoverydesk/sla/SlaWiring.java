package com.recoverydesk.sla;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** Builds the SLA policy from the configuration once; a wrong calendar stops the start with its reason. */
@ApplicationScoped
public class SlaWiring {

    // a record cannot be proxied, so the policy is a singleton rather than application-scoped
    @Produces
    @Singleton
    SlaPolicy policy(SlaConfig config) {
        SlaConfig.Calendar c = config.calendar();
        BusinessCalendar calendar = BusinessCalendar.of(c.zone(), EnumSet.copyOf(c.days()), c.hours(),
                new HashSet<>(c.holidays().orElse(List.of())));
        return new SlaPolicy(calendar,
                perRisk(config.firstResponse().low(), config.firstResponse().medium(), config.firstResponse().high()),
                perRisk(config.resolution().low(), config.resolution().medium(), config.resolution().high()),
                perRisk(config.reviewDue().low(), config.reviewDue().medium(), config.reviewDue().high()),
                config.approvalDue(), config.warningAt());
    }

    private static Map<String, Duration> perRisk(Duration low, Duration medium, Duration high) {
        return Map.of("LOW", low, "MEDIUM", medium, "HIGH", high);
    }
}
