package com.recoverydesk.reset;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.recoverydesk.cases.RecoveryCase;
import com.recoverydesk.support.ResetFixtures;
import com.recoverydesk.support.TestCases;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The link pages on their own: expired links, and the enrolment page's QR code. Links are issued straight for a stored case. */
@QuarkusTest
class ResetLinkPagesTest {

    private static final Pattern QR = Pattern.compile("<img id=\"qr\" src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");
    private static final Pattern SECRET = Pattern.compile("<code id=\"secret\" class=\"mono\">([A-Z2-7 ]+)</code>");

    @Inject
    ResetLinks links;

    @Test
    void shouldShowAnExpiredEnrolmentLinkClearlyAndChangeNothing() {
        String caseId = storedCase();
        String token = issue(caseId, ResetLink.Purpose.ENROLMENT, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));

        given().accept("text/html").get("/enrol/" + token).then().statusCode(410).body(containsString("This link has expired"));
        Response post = ResetFixtures.postForm("/enrol/" + token, Map.of("code", "123456"));
        assertEquals(410, post.statusCode());
        ResetLink link = QuarkusTransaction.requiringNew().call(() -> ResetLink.<ResetLink>findById(ResetLinks.hash(token)));
        assertNull(link.usedAt);
        assertNull(link.pendingSecret, "an expired link does not even get a secret");
    }

    @Test
    void shouldShowAnExpiredObjectionLinkClearlyAndChangeNothing() {
        String caseId = storedCase();
        OffsetDateTime past = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
        String token = issue(caseId, ResetLink.Purpose.OBJECTION, past);

        given().accept("text/html").get("/objection/" + token).then().statusCode(410).body(containsString("This link has expired"));
        Response post = ResetFixtures.postForm("/objection/" + token, Map.of());
        assertEquals(410, post.statusCode());
        assertNull(QuarkusTransaction.requiringNew().call(() -> ResetLink.<ResetLink>findById(ResetLinks.hash(token)).usedAt));
        assertEquals(0, ResetFixtures.count(ResetFixtures.story(caseId), "account-holder reset.objected"));
    }

    @Test
    void shouldDrawAQrCodeThatDecodesToTheExactOtpauthUri() throws Exception {
        String caseId = storedCase();
        String token = issue(caseId, ResetLink.Purpose.ENROLMENT, OffsetDateTime.now(ZoneOffset.UTC).plusHours(1));

        String page = given().accept("text/html").get("/enrol/" + token).then().statusCode(200).extract().asString();
        Matcher qr = QR.matcher(page);
        Matcher secret = SECRET.matcher(page);
        assertTrue(qr.find() && secret.find(), page);
        var image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(qr.group(1))));
        // PURE_BARCODE: the image is the code alone, as drawn; without it the finder-pattern search missed
        // the code of some (random) secrets in a suite run
        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
        String base32 = secret.group(1).replace(" ", "");
        String account = QuarkusTransaction.requiringNew().call(() -> RecoveryCase.<RecoveryCase>findById(caseId).ticketRef);
        assertEquals("otpauth://totp/Example%20Exchange:" + account + "?secret=" + base32
                + "&issuer=Example%20Exchange&algorithm=SHA1&digits=6&period=30", decoded);
    }

    /** A case in review, written straight to the database; its account reference matches no directory account. */
    private static String storedCase() {
        String ticketRef = TestCases.inReview(OffsetDateTime.now(ZoneOffset.UTC).plusHours(4), "LOW");
        return QuarkusTransaction.requiringNew().call(() -> RecoveryCase.<RecoveryCase>find("ticketRef", ticketRef).firstResult().id);
    }

    private String issue(String caseId, ResetLink.Purpose purpose, OffsetDateTime expiresAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (purpose == ResetLink.Purpose.OBJECTION) {
                ResetAnnouncement announcement = new ResetAnnouncement();
                announcement.caseId = caseId;
                announcement.round = 0;
                announcement.accountRef = "ACC-NONE";
                announcement.announcedAt = expiresAt.minusHours(24);
                announcement.resetAt = expiresAt;
                announcement.addresses = 1;
                announcement.persist();
            }
            return links.issue(caseId, purpose, 0, expiresAt).token();
        });
    }
}
