package com.recoverydesk.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SLA time counted in working hours only: evenings, weekends and holidays do not count. */
class BusinessCalendarTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    private static final BusinessCalendar OFFICE = BusinessCalendar.of(BERLIN, WEEKDAYS, "09:00-17:00", Set.of());

    private static Instant berlin(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), BERLIN).toInstant();
    }

    @Test
    void shouldPutACaseFiledOnFridayEveningDueInMondaysWorkingHours() {
        // Friday 4 December 2026, 18:30: the office closed at 17:00, so the eight hours start on Monday at 09:00
        Instant due = OFFICE.plus(berlin("2026-12-04T18:30"), Duration.ofHours(8));
        assertEquals(berlin("2026-12-07T17:00"), due);
        Instant warning = OFFICE.plus(berlin("2026-12-04T18:30"), Duration.ofHours(6));
        assertEquals(berlin("2026-12-07T15:00"), warning);
    }

    @Test
    void shouldCarryWhatIsLeftOfFridayOverTheWeekend() {
        assertEquals(berlin("2026-12-07T10:00"), OFFICE.plus(berlin("2026-12-04T16:00"), Duration.ofHours(2)));
        assertEquals(Duration.ofHours(2), OFFICE.between(berlin("2026-12-04T16:00"), berlin("2026-12-07T10:00")));
        assertEquals(Duration.ZERO, OFFICE.between(berlin("2026-12-05T10:00"), berlin("2026-12-06T20:00")), "a weekend counts nothing");
    }

    @Test
    void shouldSkipAHoliday() {
        BusinessCalendar withHoliday = BusinessCalendar.of(BERLIN, WEEKDAYS, "09:00-17:00", Set.of(LocalDate.parse("2026-12-07")));
        assertEquals(berlin("2026-12-08T17:00"), withHoliday.plus(berlin("2026-12-04T18:30"), Duration.ofHours(8)));
        assertEquals(berlin("2026-12-28T11:00"), BusinessCalendar.of(BERLIN, WEEKDAYS, "09:00-17:00",
                Set.of(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-25"))).plus(berlin("2026-12-23T16:00"), Duration.ofHours(3)));
        assertEquals(Duration.ofHours(8), withHoliday.between(berlin("2026-12-04T17:00"), berlin("2026-12-08T17:00")));
    }

    @Test
    void shouldCountAMorningStartedBeforeOpeningFromTheOpening() {
        assertEquals(berlin("2026-12-02T09:30"), OFFICE.plus(berlin("2026-12-02T06:00"), Duration.ofMinutes(30)));
        assertEquals(berlin("2026-12-03T10:00"), OFFICE.plus(berlin("2026-12-02T16:00"), Duration.ofHours(2)), "the rest runs on the next day");
    }

    @Test
    void shouldCountWallClockTimeAroundTheClock() {
        Instant friday = Instant.parse("2026-12-04T17:30:00Z");
        assertEquals(friday.plus(Duration.ofHours(50)), BusinessCalendar.aroundTheClock().plus(friday, Duration.ofHours(50)));
        assertEquals(Duration.ofHours(50), BusinessCalendar.aroundTheClock().between(friday, friday.plus(Duration.ofHours(50))));
    }

    @Test
    void shouldRefuseACalendarThatNeverOpens() {
        assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.of(BERLIN, Set.of(), "09:00-17:00", Set.of()));
        assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.of(BERLIN, WEEKDAYS, "17:00-09:00", Set.of()));
        assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.of(BERLIN, WEEKDAYS, "nine to five", Set.of()));
    }

    @Test
    void shouldLayOnlyWhatIsLeftAfterAPause() {
        SlaPolicy policy = new SlaPolicy(OFFICE, Map.of("LOW", Duration.ofHours(4)), Map.of("LOW", Duration.ofHours(16)),
                Map.of("LOW", Duration.ofHours(8)), Duration.ofHours(4), 0.75);
        // 10 of the 16 working hours were spent before the pause; the clock resumes on Wednesday at 09:00
        SlaPolicy.Due due = policy.resolutionDue("LOW", berlin("2026-12-09T09:00"), Duration.ofHours(10));
        assertEquals(berlin("2026-12-09T15:00"), due.dueAt());
        assertEquals(berlin("2026-12-09T11:00"), due.warningAt(), "the warning point is 12 of the 16 hours");
        assertEquals(berlin("2026-12-09T15:00"), policy.reviewDue("HIGH", berlin("2026-12-09T09:00")).warningAt(),
                "an unknown level is held to the LOW targets");
    }
}
