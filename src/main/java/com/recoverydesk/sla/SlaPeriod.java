package com.recoverydesk.sla;

import com.recoverydesk.web.ProblemException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The period a case list covers: [from, to), each given as a date (midnight UTC) or an ISO
 * date-time; by default the last 30 days. At most a quarter at once, so an answer stays a size a
 * spreadsheet opens.
 */
public record SlaPeriod(OffsetDateTime from, OffsetDateTime to) {

    static final Duration MAX = Duration.ofDays(92);

    /** @throws ProblemException (400) naming what is wrong */
    public static SlaPeriod parse(String from, String to) {
        OffsetDateTime end = to == null || to.isBlank() ? OffsetDateTime.now(ZoneOffset.UTC) : time("to", to);
        OffsetDateTime start = from == null || from.isBlank() ? end.minusDays(30) : time("from", from);
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest("from must be before to.");
        }
        if (start.plus(MAX).isBefore(end)) {
            throw ProblemException.badRequest("The period may span at most " + MAX.toDays() + " days; export it in parts.");
        }
        return new SlaPeriod(start, end);
    }

    String fileName() {
        return "sla-cases-" + from.toLocalDate() + "-" + to.toLocalDate() + ".csv";
    }

    private static OffsetDateTime time(String name, String value) {
        try {
            return value.trim().length() == 10 ? LocalDate.parse(value.trim()).atStartOfDay().atOffset(ZoneOffset.UTC)
                    : OffsetDateTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be a date (2026-12-01) or an ISO date-time (2026-12-01T09:00:00Z).");
        }
    }
}
