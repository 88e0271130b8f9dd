package com.recoverydesk.reset;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The safeguards of the reset (DESIGN.md §3 steps 7–9, §11). */
@ConfigMapping(prefix = "recovery.reset")
public interface ResetConfig {

    /** How long the announced reset waits for an objection. */
    Duration coolingOff();

    /** Longer (or shorter) cooling-off per risk level, e.g. {@code recovery.reset.cooling-off-by-risk.HIGH=PT72H}. */
    Map<String, Duration> coolingOffByRisk();

    /** How long withdrawals stay locked after the reset. */
    Duration withdrawalLock();

    /** How long the re-enrolment link works. */
    @WithDefault("PT72H")
    Duration enrolmentLinkLifetime();

    /** Who hears of an objection at once (the supervisors' and compliance's shared mailboxes). */
    @WithDefault("supervisors@recovery-desk.local,compliance@recovery-desk.local")
    List<String> objectionAlertTo();

    /** The name authenticator apps show above the code: the online service whose account it is. */
    @WithDefault("Example Exchange")
    String authenticatorIssuer();

    default Duration coolingOffFor(String riskLevel) {
        return riskLevel == null ? coolingOff() : coolingOffByRisk().getOrDefault(riskLevel, coolingOff());
    }
}
