package com.recoverydesk.intake;

import com.recoverydesk.accounts.AccountDirectory;
import com.recoverydesk.accounts.CustomerAccount;
import com.recoverydesk.audit.Actor;
import com.recoverydesk.audit.AuditTrail;
import com.recoverydesk.cases.CaseAccess;
import com.recoverydesk.cases.CaseMessage;
import com.recoverydesk.cases.CaseStatus;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.cases.TicketReferences;
import com.recoverydesk.notify.MailService;
import com.recoverydesk.process.Outbox;
import com.recoverydesk.web.ProblemException;
import com.recoverydesk.web.RequesterLanguage;
import com.recoverydesk.web.PublicUrl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Intake without login (DESIGN.md §3 steps 1–2): a request is filed for an address, a code and a
 * link go to the registered address, and the right code opens the case.
 *
 * <p>Filing does the same work whether or not the address is registered: the directory is only
 * consulted afterwards, off the request thread, by {@link #mailAccessCode}.
 */
@ApplicationScoped
public class IntakeService {

    /** Says no more than the requester needs: the reset cannot happen, so no documents are wanted. */
    static final String WRONG_CODE = "That code is not valid. Check the latest mail from us, or file a new request.";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IntakeConfig config;
    private final RateLimiter rateLimiter;
    private final AccountDirectory directory;
    private final MailService mail;
    private final CaseAccess caseAccess;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final PublicUrl publicUrl;
    private final RiskAssessmentService riskAssessment;

    public IntakeService(IntakeConfig config, RateLimiter rateLimiter, AccountDirectory directory, MailService mail,
                         CaseAccess caseAccess, Outbox outbox, AuditTrail audit, PublicUrl publicUrl,
                         RiskAssessmentService riskAssessment) {
        this.publicUrl = publicUrl;
        this.riskAssessment = riskAssessment;
        this.config = config;
        this.rateLimiter = rateLimiter;
        this.directory = directory;
        this.mail = mail;
        this.caseAccess = caseAccess;
        this.outbox = outbox;
        this.audit = audit;
    }

    /** What the mailer needs to send the code; held in memory only, never stored in clear. */
    public record FiledRequest(long requestId, String email, String code, String linkToken, Locale language) {}

    public record Confirmed(String caseId, String ticketRef, String caseToken, boolean newCase) {}

    /** Files a request; 429 with a wait when the address or the client filed too many. */
    @Transactional
    public FiledRequest fileRequest(String email, String description, String clientAddress, Optional<String> requestCountry) {
        return fileRequest(email, description, clientAddress, requestCountry, RequesterLanguage.ENGLISH);
    }

    /** Files a request in the requester's language, which its mails and its case's mails keep. */
    @Transactional
    public FiledRequest fileRequest(String email, String description, String clientAddress, Optional<String> requestCountry,
                                    Locale language) {
        String normalised = normalise(email);
        String emailHash = sha256(normalised);
        Optional<Duration> wait = rateLimiter.hit(
                new RateLimiter.Limit("intake:address:" + emailHash, config.requestsPerAddress(), config.requestWindow()),
                new RateLimiter.Limit("intake:client:" + clientAddress, config.requestsPerClient(), config.requestWindow()));
        if (wait.isPresent()) {
            throw ProblemException.tooManyRequests("Too many recovery requests. Please wait before trying again.", wait.get()).withCode("intake.too-many-requests");
        }
        // only the newest request of an address stays good: an older code must not come back when the newest burns
        RecoveryRequest.update("status = ?1 where emailHash = ?2 and status = ?3",
                RecoveryRequest.Status.SUPERSEDED, emailHash, RecoveryRequest.Status.PENDING);
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        String linkToken = randomToken();
        OffsetDateTime now = now();

        RecoveryRequest request = new RecoveryRequest();
        request.emailHash = emailHash;
        request.description = description.strip();
        request.codeSalt = randomToken().substring(0, 22);
        request.codeHash = sha256(request.codeSalt + ":" + code);
        request.linkTokenHash = sha256(linkToken);
        request.status = RecoveryRequest.Status.PENDING;
        request.requestCountry = requestCountry.filter(c -> c.matches("[A-Za-z]{2}")).map(c -> c.toUpperCase(Locale.ROOT)).orElse(null);
        request.requesterLanguage = language.getLanguage();
        request.createdAt = now;
        request.expiresAt = now.plus(config.codeLifetime());
        request.persist();
        return new FiledRequest(request.id, normalised, code, linkToken, language);
    }

    /**
     * Mails the code and the link to the registered address, if the address is registered; for an
     * unknown address nothing is sent, and the request can never be confirmed.
     */
    @Transactional
    public void mailAccessCode(FiledRequest filed) {
        Optional<CustomerAccount> account = directory.findByEmail(filed.email());
        RecoveryRequest request = RecoveryRequest.findById(filed.requestId());
        if (account.isEmpty() || request == null) {
            return;
        }
        request.accountRef = account.get().accountRef();
        String link = publicUrl.base() + "/recover/confirm/" + filed.linkToken();
        mail.send(IntakeMails.accessCode(account.get().email(), account.get().displayName(), filed.code(), link, config.codeLifetime(),
                filed.language()));
        audit.record(Actor.system(), "intake.code-sent", null, Map.of("accountRef", account.get().accountRef(), "requestId", request.id));
    }

    /** Confirms with the mailed code; 400 for a wrong, spent or expired code, burnt after too many tries. */
    @Transactional(dontRollbackOn = ProblemException.class)
    public Confirmed confirmWithCode(String email, String code, String clientAddress) {
        String emailHash = sha256(normalise(email));
        rateLimiter.hit(new RateLimiter.Limit("confirm:client:" + clientAddress, config.confirmationsPerClient(), config.requestWindow()),
                        new RateLimiter.Limit("confirm:address:" + emailHash, config.confirmationsPerAddress(), config.requestWindow()))
                .ifPresent(wait -> {
                    throw ProblemException.tooManyRequests("Too many attempts. Please wait before trying again.", wait).withCode("intake.too-many-attempts");
                });
        // the row is locked until this attempt is counted: parallel guesses wait for each other and
        // see each other's count (and the burn), instead of overwriting it
        RecoveryRequest request = RecoveryRequest.<RecoveryRequest>find(
                        "emailHash = ?1 and status = ?2 and expiresAt > ?3 order by createdAt desc",
                        emailHash, RecoveryRequest.Status.PENDING, now())
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
        if (request == null) {
            throw ProblemException.badRequest(WRONG_CODE).withCode("intake.wrong-code");
        }
        boolean right = code != null && MessageDigest.isEqual(
                sha256(request.codeSalt + ":" + code.trim()).getBytes(StandardCharsets.US_ASCII),
                request.codeHash.getBytes(StandardCharsets.US_ASCII));
        if (!right || request.accountRef == null) {
            request.failedAttempts++;
            if (request.failedAttempts >= config.maxCodeAttempts()) {
                request.status = RecoveryRequest.Status.BURNT;
                RecoveryRequest.update("status = ?1 where emailHash = ?2 and status = ?3",
                        RecoveryRequest.Status.BURNT, emailHash, RecoveryRequest.Status.PENDING);
                audit.record(Actor.requester(), "intake.request-burnt", null, Map.of("requestId", request.id));
            }
            throw ProblemException.badRequest(WRONG_CODE).withCode("intake.wrong-code");
        }
        return openCase(request);
    }

    /** Confirms with the mailed link, which stands for the code. */
    @Transactional(dontRollbackOn = ProblemException.class)
    public Confirmed confirmWithLink(String linkToken) {
        RecoveryRequest request = linkToken == null ? null
                : RecoveryRequest.<RecoveryRequest>find("linkTokenHash = ?1 and status = ?2 and expiresAt > ?3",
                        sha256(linkToken), RecoveryRequest.Status.PENDING, now())
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (request == null || request.accountRef == null) {
            throw ProblemException.badRequest("This link is not valid any more. File a new request to get a new one.").withCode("intake.link-invalid");
        }
        return openCase(request);
    }

    /**
     * Opens the case, or, when the account already has an open case, gives the requester a new
     * token for it (and revokes the old one) instead of opening a second case.
     */
    private Confirmed openCase(RecoveryRequest request) {
        request.status = RecoveryRequest.Status.CONFIRMED;
        Optional<RecoveryCase> open = RecoveryCase.findOpenForAccount(request.accountRef);
        if (open.isPresent()) {
            RecoveryCase existing = open.get();
            request.caseId = existing.id;
            String token = caseAccess.issueToken(existing, config.caseTokenLifetime());
            audit.record(Actor.requester(), "case.access-renewed", existing.id, Map.of("ticketRef", existing.ticketRef));
            return new Confirmed(existing.id, existing.ticketRef, token, false);
        }
        CustomerAccount account = directory.findByRef(request.accountRef)
                .orElseThrow(() -> new IllegalStateException("the directory no longer knows the account of request " + request.id));
        OffsetDateTime now = now();
        RecoveryCase opened = new RecoveryCase();
        opened.id = UUID.randomUUID().toString();
        opened.ticketRef = uniqueTicketRef();
        opened.accountRef = request.accountRef;
        opened.status = CaseStatus.AWAITING_EVIDENCE;
        opened.description = request.description;
        opened.requestCountry = request.requestCountry;
        opened.requesterLanguage = request.requesterLanguage;
        opened.openedAt = now;
        opened.updatedAt = now;
        String token = caseAccess.issueToken(opened, config.caseTokenLifetime());
        try {
            opened.persist();
            RecoveryCase.flush();
        } catch (jakarta.persistence.PersistenceException alreadyOpen) {
            // another confirmation for the account opened its case a moment ago (one open case per account)
            throw ProblemException.conflict("Your case was opened a moment ago. Confirm once more to follow it.").withCode("intake.opened-moment-ago");
        }
        request.caseId = opened.id;
        audit.record(Actor.requester(), "case.opened", opened.id, Map.of("ticketRef", opened.ticketRef, "accountRef", opened.accountRef));
        if (account.closed()) {
            // decided before anyone asks for ID documents: a closed account is never reset
            refuseNotEligible(opened);
            return new Confirmed(opened.id, opened.ticketRef, token, true);
        }
        // assessed now, so that the case shows what it needs from the first moment (the process's
        // assess-risk job finds the result stored and reuses it)
        riskAssessment.assessRisk(opened.id);
        outbox.startProcess(opened.id, Map.of("caseId", opened.id, "ticketRef", opened.ticketRef));
        return new Confirmed(opened.id, opened.ticketRef, token, true);
    }

    /** The case ends at once, as refused: no documents are asked for, and the requester reads why on the case page. */
    private void refuseNotEligible(RecoveryCase opened) {
        OffsetDateTime now = now();
        opened.status = CaseStatus.REJECTED;
        opened.requiredEvidence = "";
        opened.closedAt = now;
        opened.updatedAt = now;
        CaseMessage.post(opened.id, CaseMessage.Author.DESK,
                RequesterLanguage.words(RequesterLanguage.ofStored(opened.requesterLanguage)).deskNotEligible());
        audit.record(Actor.system(), "case.refused-not-eligible", opened.id, Map.of("reason", "ACCOUNT_NOT_ELIGIBLE"));
    }

    private static String uniqueTicketRef() {
        String ref = TicketReferences.next();
        while (RecoveryCase.count("ticketRef", ref) > 0) {
            ref = TicketReferences.next();
        }
        return ref;
    }

    static String normalise(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
