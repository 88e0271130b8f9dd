package com.recoverydesk.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * When the desk works: working days, one window of hours on each, holidays, in one time zone. SLA
 * time is counted only inside it, so a case filed on Friday evening is not due on Saturday.
 * Pure logic, no clock of its own: every answer is computed from the instants given.
 *
 * @param openMinute  minute of the day the window opens (0 = midnight)
 * @param closeMinute minute of the day it closes (1440 = the next midnight)
 */
public record BusinessCalendar(ZoneId zone, Set<DayOfWeek> workingDays, int openMinute, int closeMinute, Set<LocalDate> holidays) {

    /** Guards the day walk against a calendar that never opens (every day a holiday). */
    private static final int MAX_DAYS = 3_660;

    public BusinessCalendar {
        if (workingDays.isEmpty()) {
            throw new IllegalArgumentException("a business calendar needs at least one working day");
        }
        if (openMinute < 0 || closeMinute > 1440 || openMinute >= closeMinute) {
            throw new IllegalArgumentException("working hours must open before they close, within one day");
        }
        workingDays = Set.copyOf(workingDays);
        holidays = Set.copyOf(holidays);
    }

    /** Every day, every hour, no holidays: wall-clock time. */
    public static BusinessCalendar aroundTheClock() {
        return new BusinessCalendar(ZoneId.of("UTC"), EnumSet.allOf(DayOfWeek.class), 0, 1440, Set.of());
    }

    /**
     * Parses working hours written {@code HH:mm-HH:mm} ({@code 24:00} closes at midnight).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static BusinessCalendar of(ZoneId zone, Set<DayOfWeek> days, String hours, Set<LocalDate> holidays) {
        String[] parts = hours.trim().split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("working hours must read HH:mm-HH:mm, not " + hours);
        }
        return new BusinessCalendar(zone, days, minuteOf(parts[0]), minuteOf(parts[1]), holidays);
    }

    private static int minuteOf(String text) {
        String t = text.trim();
        if (t.equals("24:00")) {
            return 1440;
        }
        LocalTime time = LocalTime.parse(t);
        return time.getHour() * 60 + time.getMinute();
    }

    /** Whether the desk works on that date at all. */
    public boolean isWorkingDay(LocalDate date) {
        return workingDays.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }

    /** The instant at which {@code work} of business time has passed after {@code from}. */
    public Instant plus(Instant from, Duration work) {
        if (work.isNegative() || work.isZero()) {
            return from;
        }
        Duration left = work;
        LocalDate day = from.atZone(zone).toLocalDate();
        for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            Instant open = at(day, openMinute);
            Instant close = at(day, closeMinute);
            Instant begin = from.isAfter(open) ? from : open;
            if (!begin.isBefore(close)) {
                continue;
            }
            Duration available = Duration.between(begin, close);
            if (left.compareTo(available) <= 0) {
                return begin.plus(left);
            }
            left = left.minus(available);
        }
        throw new IllegalStateException("the business calendar has no working time within ten years");
    }

    /** Business time between two instants (zero when {@code to} is not after {@code from}). */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            Instant begin = max(from, at(day, openMinute));
            Instant end = min(to, at(day, closeMinute));
            if (end.isAfter(begin)) {
                total = total.plus(Duration.between(begin, end));
            }
        }
        return total;
    }

    private Instant at(LocalDate day, int minute) {
        ZonedDateTime midnight = day.atStartOfDay(zone);
        // minutes after midnight in local time; a DST change on the day shifts the wall clock, as a person would expect
        return minute == 1440 ? day.plusDays(1).atStartOfDay(zone).toInstant()
                : midnight.toLocalDate().atTime(minute / 60, minute % 60).atZone(zone).toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
