package com.recoverydesk.reset;

import com.recoverydesk.accounts.BuiltInAccountDirectory;
import com.recoverydesk.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The demo's stand-in for the online service's own login, against the built-in directory, so that
 * a newcomer can watch the old authenticator fail and the new one work. Demo setting only.
 */
@ApplicationScoped
public class DemoSignInService {

    public record SignInRequest(String email, String password, String totp) {}

    /** @param withdrawalsLockedUntil set while withdrawals are locked, in UTC as the mails say it */
    public record SignInResponse(boolean signedIn, String email, String withdrawalsLockedUntil) {}

    private final BuiltInAccountDirectory directory;

    public DemoSignInService(BuiltInAccountDirectory directory) {
        this.directory = directory;
    }

    /** @throws ProblemException 401 with what the customer may do, never which part was wrong */
    public SignInResponse signIn(SignInRequest request, String client) {
        if (request == null || request.email() == null || request.password() == null) {
            throw ProblemException.badRequest("Give email, password and the code of your authenticator app.").withCode("demo.missing");
        }
        BuiltInAccountDirectory.SignIn result = directory.signIn(request.email(), request.password(),
                request.totp() == null ? null : request.totp().replace(" ", ""), client);
        return switch (result.outcome()) {
            case SIGNED_IN -> new SignInResponse(true, request.email().trim().toLowerCase(),
                    result.withdrawalsLockedUntil().map(t -> ResetMails.when(t.atOffset(java.time.ZoneOffset.UTC))).orElse(null));
            case NO_AUTHENTICATOR -> throw new ProblemException(401, "Unauthorized",
                    "This account has no authenticator: set up the new one with the link we mailed you, then sign in.").withCode("demo.no-authenticator");
            case CLOSED -> throw new ProblemException(401, "Unauthorized", "This account is closed.").withCode("demo.closed");
            case WRONG_CREDENTIALS -> throw new ProblemException(401, "Unauthorized",
                    "Email, password or authenticator code is not right (each code works once).").withCode("demo.refused");
        };
    }
}
