package com.recoverydesk.review;

import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the desk's screens write times: short, in UTC, and time left or overdue in words. */
@TemplateExtension
public final class DeskFormat {

    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private DeskFormat() {
    }

    /** {@code 2026-12-01 09:30 UTC}. */
    static String deskTime(OffsetDateTime time) {
        return time == null ? "–" : time.withOffsetSameInstant(ZoneOffset.UTC).format(SHORT);
    }

    /** {@code 3 h 20 min left} or {@code overdue by 45 min}. */
    static String deskTimeLeft(OffsetDateTime due) {
        if (due == null) {
            return "–";
        }
        Duration left = Duration.between(OffsetDateTime.now(ZoneOffset.UTC), due);
        return left.isNegative() ? "overdue by " + words(left.negated()) : words(left) + " left";
    }

    /** How long ago: {@code 2 h 5 min}. */
    static String deskAge(OffsetDateTime since) {
        return since == null ? "–" : words(Duration.between(since, OffsetDateTime.now(ZoneOffset.UTC)));
    }

    static String words(Duration duration) {
        long minutes = Math.max(0, duration.toMinutes());
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return hours + " h " + (minutes % 60) + " min";
        }
        return (hours / 24) + " d " + (hours % 24) + " h";
    }
}
