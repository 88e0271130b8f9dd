package com.recoverydesk.support;

import static io.restassured.RestAssured.given;

import com.recoverydesk.accounts.DirectoryAccount;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.identity.StaffAccount;
import com.recoverydesk.review.ReviewTask;
import com.recoverydesk.review.TaskQueue;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/** Cases taken through intake and evidence to the review queue the way a requester does, for the workbench tests. */
public final class ReviewFixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** Every checklist item ticked, as the API takes it. */
    public static final Map<String, Boolean> FULL_CHECKLIST = Map.of("documentLegible", true, "matchesKycOnFile", true,
            "selfieMatchesDocument", true, "noteShowsReference", true, "noSignOfEditing", true);

    private ReviewFixtures() {
    }

    /** A case whose evidence was submitted and whose review is open; {@code files} maps each kind to the bytes uploaded. */
    public record CaseInReview(String caseId, String ticketRef, String caseToken, String email, Map<String, byte[]> files) {}

    public static CaseInReview submitted() {
        return submitted(TestAccounts.create(), "I lost my phone with the authenticator app.");
    }

    public static CaseInReview submitted(String email, String description) {
        int earlier = TestAccounts.codeMailSubjects(email).size();
        given().contentType("application/json").body(Map.of("accountEmail", email, "description", description))
                .post("/api/v1/recovery-requests").then().statusCode(202);
        String code = TestAccounts.mailedCodeAfter(email, earlier);
        String caseToken = given().contentType("application/json").body(Map.of("accountEmail", email, "code", code))
                .post("/api/v1/recovery-requests/confirmations").then().statusCode(201).extract().path("caseToken");
        Eventually.await("evidence requested", () -> !given().auth().oauth2(caseToken).get("/api/v1/my-case").then().extract()
                .<List<?>>path("requiredEvidence").isEmpty());
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("ID_FRONT", EvidenceSamples.png(640, 400));
        files.put("SELFIE_WITH_NOTE", EvidenceSamples.jpeg(480, 640));
        files.forEach((kind, bytes) -> upload(caseToken, kind, bytes));
        given().auth().oauth2(caseToken).post("/api/v1/my-case/submission").then().statusCode(202);
        String ticketRef = given().auth().oauth2(caseToken).get("/api/v1/my-case").then().extract().path("ticketRef");
        String caseId = QuarkusTransaction.requiringNew().call(() -> RecoveryCase.<RecoveryCase>find("ticketRef", ticketRef).firstResult().id);
        openTask(caseId, TaskQueue.REVIEW);
        return new CaseInReview(caseId, ticketRef, caseToken, email, files);
    }

    public static void upload(String caseToken, String kind, byte[] content) {
        given().auth().oauth2(caseToken).multiPart("kind", kind).multiPart("file", "f", content, "application/octet-stream")
                .post("/api/v1/my-case/evidence").then().statusCode(201);
    }

    /** The id of the case's open entry in the queue, waiting for the worker that opens it. */
    public static String openTask(String caseId, TaskQueue queue) {
        return Eventually.find("an open " + queue + " task of case " + caseId, Duration.ofSeconds(20), () ->
                QuarkusTransaction.requiringNew().call(() -> ReviewTask.<ReviewTask>find("caseId = ?1 and queue = ?2 and completedAt is null",
                        caseId, queue).firstResultOptional().map(t -> t.id)));
    }

    public static String status(String caseId) {
        return QuarkusTransaction.requiringNew().call(() -> RecoveryCase.<RecoveryCase>findById(caseId).status.name());
    }

    /** Puts KYC data on the account behind the address, as a real directory would hold it. */
    public static void giveKyc(String email, LocalDate dateOfBirth, String lastDigits, String country) {
        QuarkusTransaction.requiringNew().run(() -> {
            DirectoryAccount account = DirectoryAccount.find("email", email).firstResult();
            account.dateOfBirth = dateOfBirth;
            account.documentLastDigits = lastDigits;
            account.kycCountry = country;
        });
    }

    /** A new staff member (password {@link TestTokens#DEMO_PASSWORD}) with the given address and roles; the username is returned. */
    public static String staffMember(Optional<String> email, String... roles) {
        String username = "staff-" + System.nanoTime() % 1_000_000_000L + "-" + SEQUENCE.incrementAndGet();
        QuarkusTransaction.requiringNew().run(() -> {
            StaffAccount staff = new StaffAccount();
            staff.username = username;
            staff.displayName = "Test Staff";
            staff.email = email.orElse(null);
            staff.passwordHash = BcryptUtil.bcryptHash(TestTokens.DEMO_PASSWORD);
            staff.roles = new TreeSet<>(Set.of(roles));
            staff.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
            staff.persist();
        });
        return username;
    }
}
