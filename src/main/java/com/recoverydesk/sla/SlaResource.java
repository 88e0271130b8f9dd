package com.recoverydesk.sla;

import com.recoverydesk.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The manager's figures as JSON, and the cases behind them (JSON, or CSV for {@code Accept: text/csv}). */
@Path("/api/v1/sla")
@RolesAllowed(Roles.MANAGER)
public class SlaResource {

    static final String CSV = "text/csv";

    private final SlaService sla;
    private final SummarySnapshot snapshot;

    public SlaResource(SlaService sla, SummarySnapshot snapshot) {
        this.sla = sla;
        this.snapshot = snapshot;
    }

    /** The latest snapshot (its time is {@code asOf}); the cases below stay a live query. */
    @GET
    @Path("/summary")
    @Produces(MediaType.APPLICATION_JSON)
    public SlaSummary summary() {
        return snapshot.latest();
    }

    /** Cases opened in [from, to) (see {@link SlaPeriod}), oldest first. */
    @GET
    @Path("/cases")
    @Produces(MediaType.APPLICATION_JSON)
    public List<SlaCaseView> cases(@QueryParam("from") String from, @QueryParam("to") String to) {
        SlaPeriod period = SlaPeriod.parse(from, to);
        return sla.cases(period.from(), period.to());
    }

    @GET
    @Path("/cases")
    @Produces(CSV)
    public Response casesAsCsv(@QueryParam("from") String from, @QueryParam("to") String to) {
        return csv(sla, SlaPeriod.parse(from, to));
    }

    /** The CSV answer, as an attachment named after its period; the dashboard's download link serves the same. */
    static Response csv(SlaService sla, SlaPeriod period) {
        return Response.ok(SlaCaseView.csv(sla.cases(period.from(), period.to())), CSV + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + period.fileName() + "\"").build();
    }
}
