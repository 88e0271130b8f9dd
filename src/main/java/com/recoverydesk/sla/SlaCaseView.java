package com.recoverydesk.sla;

import java.time.OffsetDateTime;
import java.util.List;

/** One case behind the dashboard's figures, as the export lists it (times in business seconds). */
public record SlaCaseView(String caseId, String ticketRef, String status, String riskLevel, OffsetDateTime openedAt,
                          OffsetDateTime closedAt, String slaState, OffsetDateTime firstResponseDueAt, OffsetDateTime firstResponseAt,
                          Long firstResponseSeconds, OffsetDateTime resolutionDueAt, OffsetDateTime resolvedAt, Long resolutionSeconds,
                          List<String> breaches) {

    static final List<String> CSV_HEADER = List.of("caseId", "ticketRef", "status", "riskLevel", "openedAt", "closedAt", "slaState",
            "firstResponseDueAt", "firstResponseAt", "firstResponseSeconds", "resolutionDueAt", "resolvedAt", "resolutionSeconds", "breaches");

    List<Object> csvFields() {
        return java.util.Arrays.asList(caseId, ticketRef, status, riskLevel, openedAt, closedAt, slaState, firstResponseDueAt, firstResponseAt,
                firstResponseSeconds, resolutionDueAt, resolvedAt, resolutionSeconds, String.join(";", breaches));
    }

    /** RFC 4180 lines; every value is the system's own (ids, statuses, times), none is the requester's text. */
    static String csv(List<SlaCaseView> rows) {
        StringBuilder out = new StringBuilder(String.join(",", CSV_HEADER)).append("\r\n");
        for (SlaCaseView row : rows) {
            List<Object> fields = row.csvFields();
            for (int i = 0; i < fields.size(); i++) {
                out.append(i == 0 ? "" : ",").append(field(fields.get(i)));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    private static String field(Object value) {
        String text = value == null ? "" : value.toString();
        return text.contains(",") || text.contains("\"") || text.contains("\n") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
