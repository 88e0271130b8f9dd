package com.recoverydesk.admin;

import com.recoverydesk.identity.Roles;
import com.recoverydesk.identity.StaffAdminService;
import com.recoverydesk.identity.StaffAdminService.Administrator;
import com.recoverydesk.identity.StaffAdminService.StaffMemberView;
import com.recoverydesk.web.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Staff administration (issue 7 item 8): the list of staff accounts with a form to create one, and
 * a page per account to set its roles, disable or enable it, reset its password or its second
 * factor. Each action is a form post that redirects back with a notice; a refusal is shown on the
 * page with its reason. The rules (not on one's own account, never the last administrator) are the
 * service's.
 */
@Path("/admin/staff")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.ADMIN)
public class AdminStaffPages {

    /** What a redirect may announce: the notice is chosen by a code, so a link cannot put words on the page. */
    private static final Map<String, String> NOTICES = Map.of(
            "created", "The account is created. Its owner signs in with the temporary password and chooses their own.",
            "roles", "The roles are saved. The staff member's current sessions have ended; the new roles apply at the next sign-in.",
            "disabled", "The account is disabled and its sessions have ended.",
            "enabled", "The account is enabled again.",
            "password", "The temporary password is set. Its owner must choose a new one at the next sign-in; their sessions have ended.",
            "totp", "The authenticator is removed. The staff member enrols a new one on their account page after signing in.");

    private final StaffAdminService staff;
    private final JsonWebToken jwt;

    public AdminStaffPages(StaffAdminService staff, JsonWebToken jwt) {
        this.staff = staff;
        this.jwt = jwt;
    }

    /** A new account's fields as typed, to show them again after a refusal (never the password). */
    public record NewMemberForm(String username, String displayName, List<String> roles) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance staff(List<StaffMemberView> members, String me, List<String> allRoles, NewMemberForm form,
                                             String notice, String error);

        static native TemplateInstance member(StaffMemberView member, boolean self, List<String> allRoles, String notice, String error);
    }

    @GET
    public TemplateInstance list() {
        return Templates.staff(staff.list(), jwt.getName(), Roles.STAFF, new NewMemberForm("", "", List.of()), null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("username") String username, @FormParam("displayName") String displayName,
                           @FormParam("role") List<String> roles, @FormParam("password") String password) {
        try {
            StaffMemberView created = staff.create(admin(), username, displayName, roles, password);
            return done(created.id(), "created");
        } catch (ProblemException refused) {
            NewMemberForm typed = new NewMemberForm(username == null ? "" : username, displayName == null ? "" : displayName,
                    roles == null ? List.of() : roles);
            return Response.status(refused.status())
                    .entity(Templates.staff(staff.list(), jwt.getName(), Roles.STAFF, typed, null, refused.getMessage())).build();
        }
    }

    @GET
    @Path("/{id}")
    public TemplateInstance member(@PathParam("id") long id, @QueryParam("done") String done) {
        StaffMemberView member = staff.member(id);
        return Templates.member(member, member.username().equals(jwt.getName()), Roles.STAFF, done == null ? null : NOTICES.get(done), null);
    }

    @POST
    @Path("/{id}/roles")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response setRoles(@PathParam("id") long id, @FormParam("role") List<String> roles) {
        return act(id, "roles", () -> staff.setRoles(admin(), id, roles));
    }

    @POST
    @Path("/{id}/disable")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response disable(@PathParam("id") long id) {
        return act(id, "disabled", () -> staff.disable(admin(), id));
    }

    @POST
    @Path("/{id}/enable")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response enable(@PathParam("id") long id) {
        return act(id, "enabled", () -> staff.enable(admin(), id));
    }

    @POST
    @Path("/{id}/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resetPassword(@PathParam("id") long id, @FormParam("password") String password) {
        return act(id, "password", () -> staff.resetPassword(admin(), id, password));
    }

    @POST
    @Path("/{id}/totp")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resetSecondFactor(@PathParam("id") long id) {
        return act(id, "totp", () -> staff.resetSecondFactor(admin(), id));
    }

    private Response act(long id, String notice, Supplier<StaffMemberView> action) {
        try {
            action.get();
            return done(id, notice);
        } catch (ProblemException refused) {
            if (refused.status() == 404) {
                throw refused;
            }
            StaffMemberView member = staff.member(id);
            return Response.status(refused.status())
                    .entity(Templates.member(member, member.username().equals(jwt.getName()), Roles.STAFF, null, refused.getMessage())).build();
        }
    }

    private static Response done(long id, String notice) {
        return Response.seeOther(URI.create("/admin/staff/" + id + "?done=" + notice)).build();
    }

    private Administrator admin() {
        return new Administrator(jwt.getName(), jwt.getGroups());
    }
}
