package com.recoverydesk.sla;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The desk's service levels: how long each step may take, per risk level where it differs. */
@ConfigMapping(prefix = "recovery.sla")
public interface SlaConfig {

    /** After this long without evidence, the requester is reminded once. */
    @WithDefault("PT48H")
    Duration evidenceReminderAfter();

    /** After this long without evidence, the case expires. */
    @WithDefault("P7D")
    Duration evidenceTimeout();

    /** Time from evidence submission to the review decision, per risk level. */
    ReviewDue reviewDue();

    /** Share of the review time after which the case is escalated (0.75 = three quarters in). */
    @WithDefault("0.75")
    double warningAt();

    /** Time from the agent's approval to the supervisor's second approval. */
    @WithDefault("PT8H")
    Duration approvalDue();

    interface ReviewDue {
        @WithDefault("PT48H")
        Duration low();

        @WithDefault("PT24H")
        Duration medium();

        @WithDefault("PT8H")
        Duration high();
    }

    default Duration reviewDueFor(String riskLevel) {
        return switch (riskLevel) {
            case "HIGH" -> reviewDue().high();
            case "MEDIUM" -> reviewDue().medium();
            default -> reviewDue().low();
        };
    }
}
