package com.recoverydesk.compliance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The reset report as one CSV table (RFC 4180, CRLF line ends): a {@code record} column says
 * whether a row is a reset, an objection or a freeze; cells a row does not have are empty.
 */
final class ResetReportCsv {

    static final String HEADER = String.join(",", "record", "ticketRef", "caseId", "accountPseudonym", "riskLevel", "reviewer", "approver",
            "evidenceSha256", "filedAt", "announcedAt", "resetAt", "filingToResetSeconds", "coolingOffSeconds", "objections", "freezes",
            "round", "announcedResetAt", "objectedAt", "frozenAt", "reopenedAt", "reopenedBy");

    private ResetReportCsv() {
    }

    static String of(ResetReportView report) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        for (ResetReportView.Reset r : report.resets()) {
            row(out, "reset", r.ticketRef(), r.caseId(), r.accountPseudonym(), r.riskLevel(), r.reviewer(), r.approver(),
                    String.join(" ", r.evidenceSha256()), time(r.filedAt()), time(r.announcedAt()), time(r.resetAt()),
                    String.valueOf(r.filingToResetSeconds()), r.coolingOffSeconds() == null ? null : String.valueOf(r.coolingOffSeconds()),
                    String.valueOf(r.objections()), String.valueOf(r.freezes()), null, null, null, null, null, null);
        }
        for (ResetReportView.Objection o : report.objections()) {
            row(out, "objection", o.ticketRef(), o.caseId(), o.accountPseudonym(), null, null, null, null, null, time(o.announcedAt()), null,
                    null, null, null, null, String.valueOf(o.round()), time(o.announcedResetAt()), time(o.objectedAt()), null, null, null);
        }
        for (ResetReportView.Freeze f : report.freezes()) {
            row(out, "freeze", f.ticketRef(), f.caseId(), f.accountPseudonym(), null, null, null, null, null, null, null,
                    null, null, null, null, String.valueOf(f.round()), null, null, time(f.frozenAt()), time(f.reopenedAt()), f.reopenedBy());
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String... cells) {
        List<String> quoted = new ArrayList<>(cells.length);
        for (String cell : cells) {
            quoted.add(cell(cell));
        }
        out.append(String.join(",", quoted)).append("\r\n");
    }

    /**
     * Quoted when it must be; a cell that a spreadsheet would take for a formula (a staff name
     * such as "=HYPERLINK(…)") gets a leading apostrophe, so opening the file runs nothing.
     */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String text = value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 || text.startsWith("'")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
