package com.recoverydesk.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The desk's promises per risk level, counted in the business calendar's time: time to the first
 * agent action, time to resolution (the desk's final answer), and the human steps' own targets.
 * The warning point is the configured share of a target. Pure logic.
 */
public record SlaPolicy(BusinessCalendar calendar, Map<String, Duration> firstResponse, Map<String, Duration> resolution,
                        Map<String, Duration> review, Duration approval, double warningShare) {

    public SlaPolicy {
        if (warningShare <= 0 || warningShare > 1) {
            throw new IllegalArgumentException("the warning point is a share of the target, in (0, 1]");
        }
        firstResponse = Map.copyOf(firstResponse);
        resolution = Map.copyOf(resolution);
        review = Map.copyOf(review);
    }

    /** A due time and the warning point before it. */
    public record Due(Instant dueAt, Instant warningAt) {}

    public Due reviewDue(String riskLevel, Instant from) {
        return due(from, of(review, riskLevel), Duration.ZERO);
    }

    public Due approvalDue(Instant from) {
        return due(from, approval, Duration.ZERO);
    }

    /** @param consumed business time already spent on the case before {@code from} (clock paused since) */
    public Due firstResponseDue(String riskLevel, Instant from, Duration consumed) {
        return due(from, of(firstResponse, riskLevel), consumed);
    }

    public Due resolutionDue(String riskLevel, Instant from, Duration consumed) {
        return due(from, of(resolution, riskLevel), consumed);
    }

    /** Whether business time {@code consumed} leaves some of the first-response target. */
    public boolean firstResponseLeft(String riskLevel, Duration consumed) {
        return of(firstResponse, riskLevel).compareTo(consumed) > 0;
    }

    public boolean resolutionLeft(String riskLevel, Duration consumed) {
        return of(resolution, riskLevel).compareTo(consumed) > 0;
    }

    /** What is left of the target after {@code consumed}, laid on the calendar from {@code from}. */
    Due due(Instant from, Duration target, Duration consumed) {
        Duration left = target.minus(consumed);
        Duration warningLeft = Duration.ofMillis((long) (target.toMillis() * warningShare)).minus(consumed);
        return new Due(calendar.plus(from, left), calendar.plus(from, warningLeft));
    }

    private static Duration of(Map<String, Duration> targets, String riskLevel) {
        Duration target = targets.get(riskLevel == null ? "LOW" : riskLevel);
        return target != null ? target : targets.get("LOW");
    }
}
