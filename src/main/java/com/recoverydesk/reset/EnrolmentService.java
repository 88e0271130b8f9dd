package com.recoverydesk.reset;

import com.recoverydesk.accounts.AccountDirectory;
import com.recoverydesk.accounts.AccountSecrets;
import com.recoverydesk.accounts.BuiltInAccountDirectory;
import com.recoverydesk.accounts.CustomerAccount;
import com.recoverydesk.accounts.DirectoryException;
import com.recoverydesk.audit.Actor;
import com.recoverydesk.audit.AuditTrail;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.identity.Totp;
import com.recoverydesk.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Step 9, re-enrolment through the single-use link: a new TOTP secret is offered (the same one
 * on every visit until it is confirmed, sealed at rest meanwhile), a current code from the app
 * confirms it, and ten backup codes are shown once and stored hashed.
 */
@ApplicationScoped
public class EnrolmentService {

    public static final int BACKUP_CODES = 10;
    private static final String BACKUP_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    public enum State { READY, USED, EXPIRED, UNKNOWN }

    /** The enrolment page: secret and QR only when {@link State#READY}. */
    public record EnrolmentView(State state, String ticketRef, String accountLabel, String secret, String otpauthUri, String qrDataUri,
                                String expiresAt) {}

    /** Shown once after the confirmation. */
    public record EnrolledView(String ticketRef, List<String> backupCodes, String withdrawalsLockedUntil) {}

    private final ResetLinks links;
    private final AccountDirectory directory;
    private final AccountSecrets secrets;
    private final ResetConfig config;
    private final AuditTrail audit;

    public EnrolmentService(ResetLinks links, AccountDirectory directory, AccountSecrets secrets, ResetConfig config, AuditTrail audit) {
        this.links = links;
        this.directory = directory;
        this.secrets = secrets;
        this.config = config;
        this.audit = audit;
    }

    @Transactional
    public EnrolmentView open(String token) {
        ResetLink link = links.find(token, ResetLink.Purpose.ENROLMENT, true).orElse(null);
        State state = stateOf(link);
        if (state != State.READY) {
            return new EnrolmentView(state, link == null ? null : ticketRefOf(link), null, null, null, null, null);
        }
        String secret;
        if (link.pendingSecret == null) {
            secret = Totp.newSecret();
            AccountSecrets.Sealed sealed = secrets.seal(link.caseId, secret);
            link.pendingSecret = sealed.ciphertext();
            link.pendingKeyId = sealed.keyId();
        } else {
            secret = secrets.open(link.caseId, new AccountSecrets.Sealed(link.pendingSecret, link.pendingKeyId));
        }
        RecoveryCase recoveryCase = RecoveryCase.findById(link.caseId);
        String label = directory.findByRef(recoveryCase.accountRef).map(CustomerAccount::email).orElse(recoveryCase.ticketRef);
        String uri = Totp.provisioningUri(config.authenticatorIssuer(), label, secret);
        return new EnrolmentView(State.READY, recoveryCase.ticketRef, label, grouped(secret), uri, QrCodes.pngDataUri(uri),
                ResetMails.when(link.expiresAt));
    }

    /**
     * Confirms the new authenticator with a current code.
     *
     * @throws ProblemException 400 for a wrong code (nothing changes; the page may be sent again),
     *                          410 for a used, expired or unknown link
     */
    @Transactional
    public EnrolledView confirm(String token, String code) {
        ResetLink link = links.find(token, ResetLink.Purpose.ENROLMENT, true).orElse(null);
        State state = stateOf(link);
        if (state != State.READY || link.pendingSecret == null) {
            throw new ProblemException(410, "Gone", state == State.USED ? "This link was already used: your new authenticator is set up."
                    : "This link no longer works. Open the newest link we mailed you.").withCode(state == State.USED ? "enrol.used" : "enrol.expired");
        }
        String secret = secrets.open(link.caseId, new AccountSecrets.Sealed(link.pendingSecret, link.pendingKeyId));
        OptionalLong step = BuiltInAccountDirectory.matchingStep(secret, code == null ? null : code.replace(" ", ""), Instant.now());
        if (step.isEmpty()) {
            throw ProblemException.badRequest("That code does not match. Type the 6 digits your app shows now for this account.").withCode("enrol.wrong-code");
        }
        RecoveryCase recoveryCase = RecoveryCase.findById(link.caseId);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < BACKUP_CODES; i++) {
            codes.add(backupCode());
        }
        try {
            directory.completeReEnrolment(recoveryCase.accountRef, link.caseId, secret, step.getAsLong(),
                    codes.stream().map(BuiltInAccountDirectory::hashBackupCode).toList());
        } catch (DirectoryException refused) {
            // a later reset of the same account started another re-enrolment: only its link counts now
            throw new ProblemException(410, "Gone", "This link was replaced by a newer one. Open the newest link we mailed you.").withCode("enrol.replaced");
        }
        OffsetDateTime now = ResetService.now();
        link.usedAt = now;
        link.pendingSecret = null;
        link.pendingKeyId = null;
        AccountReset reset = AccountReset.findById(link.caseId, LockModeType.PESSIMISTIC_WRITE);
        reset.enrolledAt = now;
        audit.record(Actor.requester(), "account.re-enrolled", link.caseId, Map.of("authenticator", "TOTP", "backupCodes", BACKUP_CODES));
        return new EnrolledView(recoveryCase.ticketRef, codes, ResetMails.when(reset.withdrawalsLockedUntil));
    }

    private static State stateOf(ResetLink link) {
        if (link == null) {
            return State.UNKNOWN;
        }
        if (link.usedAt != null) {
            return State.USED;
        }
        return ResetService.now().isBefore(link.expiresAt) ? State.READY : State.EXPIRED;
    }

    private static String ticketRefOf(ResetLink link) {
        RecoveryCase recoveryCase = RecoveryCase.findById(link.caseId);
        return recoveryCase == null ? null : recoveryCase.ticketRef;
    }

    /** The secret in groups of four, as people copy it into an app by hand. */
    private static String grouped(String secret) {
        return String.join(" ", secret.split("(?<=\\G.{4})"));
    }

    private static String backupCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            if (i == 5) {
                code.append('-');
            }
            code.append(BACKUP_ALPHABET.charAt(RANDOM.nextInt(BACKUP_ALPHABET.length())));
        }
        return code.toString();
    }
}
