package com.recoverydesk.sla;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

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

    /** Business time from the first submission of evidence to the first agent action (the claim), per risk level. */
    FirstResponseTargets firstResponse();

    /** Business time from the first submission to the desk's final answer (approved for reset, or rejected), per risk level. */
    Resolution resolution();

    /** How often the breach watch looks for targets passed ({@code off} stops it; the scheduler reads the key itself). */
    @WithDefault("30s")
    String watchEvery();

    /**
     * How often the manager's summary snapshot is computed ({@code off}: every request computes it; the
     * scheduler reads the key itself).
     */
    @WithDefault("PT30S")
    String summaryRefresh();

    /** When SLA time runs; around the clock unless configured. */
    Calendar calendar();

    interface ReviewDue {
        @WithDefault("PT48H")
        Duration low();

        @WithDefault("PT24H")
        Duration medium();

        @WithDefault("PT8H")
        Duration high();
    }

    // not "…Response": the layering rule keeps that suffix for records of the API
    interface FirstResponseTargets {
        @WithDefault("PT24H")
        Duration low();

        @WithDefault("PT8H")
        Duration medium();

        @WithDefault("PT4H")
        Duration high();
    }

    interface Resolution {
        @WithDefault("PT72H")
        Duration low();

        @WithDefault("PT40H")
        Duration medium();

        @WithDefault("PT24H")
        Duration high();
    }

    interface Calendar {
        @WithDefault("UTC")
        ZoneId zone();

        @WithDefault("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY,SATURDAY,SUNDAY")
        List<DayOfWeek> days();

        /** {@code HH:mm-HH:mm}; {@code 24:00} is the next midnight. */
        @WithDefault("00:00-24:00")
        String hours();

        /** Dates (ISO, {@code 2026-12-25}) on which SLA time does not run. */
        Optional<List<LocalDate>> holidays();
    }

    default Duration reviewDueFor(String riskLevel) {
        return switch (riskLevel) {
            case "HIGH" -> reviewDue().high();
            case "MEDIUM" -> reviewDue().medium();
            default -> reviewDue().low();
        };
    }
}
