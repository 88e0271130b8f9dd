package com.recoverydesk.sla;

import io.quarkus.qute.TemplateExtension;

/** How the dashboard writes business time: hours and minutes, which is how SLA targets are spoken of. */
@TemplateExtension(namespace = "sla")
public final class SlaFormat {

    private SlaFormat() {
    }

    /** {@code 5 h 07 min}, or a dash when there is no figure. */
    static String hours(Long seconds) {
        if (seconds == null) {
            return "–";
        }
        long minutes = seconds / 60;
        return (minutes / 60) + " h " + String.format("%02d", minutes % 60) + " min";
    }

    static String percent(Double percent) {
        return percent == null ? "–" : percent + " %";
    }
}
