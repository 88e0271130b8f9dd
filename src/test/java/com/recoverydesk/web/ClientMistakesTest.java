package com.recoverydesk.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.support.TestAccounts;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What a client gets wrong gets problem details or a readable page, never a 500 or a bare status. */
@QuarkusTest
class ClientMistakesTest {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    @TestHTTPResource("/")
    URL root;

    @Test
    void shouldSignInAndGoHomeWhenNextHoldsASpaceOrALineBreak() {
        for (String next : new String[]{"/agent x", "/agent\r\nSet-Cookie: a=b", "/agent\t"}) {
            Response login = given().accept("text/html").get("/login");
            Matcher field = CSRF_FIELD.matcher(login.asString());
            assertTrue(field.find());
            Response signedIn = given().redirects().follow(false).cookie(login.getDetailedCookie(CsrfToken.COOKIE))
                    .contentType("application/x-www-form-urlencoded").formParam("csrf-token", field.group(1))
                    .formParam("username", "agent1").formParam("password", "recovery-demo").formParam("next", next).post("/login");
            signedIn.then().statusCode(303).header("Location", equalTo(root.toString()));
            assertNotNull(signedIn.getDetailedCookie(SessionCookie.NAME), "signed in with a cookie");
        }
    }

    @Test
    void shouldAnswerATruncatedMultipartBodyWithProblemDetails() throws Exception {
        String caseToken = (String) TestAccounts.openCase(TestAccounts.create()).get("caseToken");
        String body = "--XYZ\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nID_FRONT\r\n"
                + "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n"
                + "\u0089PNG\r\n\u001a\nabcdefgh";
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        String head = "POST /api/v1/my-case/evidence HTTP/1.1\r\nHost: " + root.getHost() + "\r\n"
                + "Authorization: Bearer " + caseToken + "\r\nContent-Type: multipart/form-data; boundary=XYZ\r\n"
                + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
        String answer = rawExchange(head.getBytes(StandardCharsets.ISO_8859_1), bytes);
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("application/problem+json"), answer);
    }

    @Test
    void shouldAnswerAnUploadOverTheBodyLimitWithProblemDetails() throws Exception {
        String caseToken = (String) TestAccounts.openCase(TestAccounts.create()).get("caseToken");
        HttpResponse<String> answer = postOversized("/api/v1/my-case/evidence", "Authorization", "Bearer " + caseToken);
        assertEquals(413, answer.statusCode());
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));
        assertTrue(answer.body().contains("MB"), answer.body());
    }

    @Test
    void shouldShowAReadablePageForAnUploadOverTheBodyLimit() throws Exception {
        String caseToken = (String) TestAccounts.openCase(TestAccounts.create()).get("caseToken");
        HttpResponse<String> answer = postOversized("/recover/case/evidence", "Cookie", SessionCookie.NAME + "=" + caseToken);
        assertEquals(413, answer.statusCode());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(answer.body().contains("too large"), answer.body());
    }

    @Test
    void shouldNameTheFieldOfAWrongJsonTypeAndExplainBrokenJson() {
        given().contentType("application/json").body("{\"accountEmail\": {\"a\": 1}, \"description\": \"x\"}")
                .post("/api/v1/recovery-requests")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("accountEmail"));
        given().contentType("application/json").body("{\"accountEmail\": ")
                .post("/api/v1/recovery-requests")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("JSON"));
    }

    @Test
    void shouldAcceptALongNonAsciiDescriptionAndKeepAnOverlongOne() {
        String email = TestAccounts.create();
        String japanese = "スマートフォンを海に落としてしまい、認証アプリが使えなくなりました。".repeat(20);
        postIntakeForm(email, japanese.substring(0, 600)).then().statusCode(200).body(containsString("Check your mail"));

        String overlong = "認".repeat(2100);
        postIntakeForm(TestAccounts.create(), overlong).then().statusCode(400)
                .body(containsString("2000 characters")).body(containsString(overlong));
    }

    private static Response postIntakeForm(String email, String description) {
        Response page = given().accept("text/html").get("/recover");
        Matcher field = CSRF_FIELD.matcher(page.asString());
        assertTrue(field.find());
        return given().accept("text/html").cookie(page.getDetailedCookie(CsrfToken.COOKIE)).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("csrf-token", field.group(1)).formParam("accountEmail", email).formParam("description", description)
                .post("/recover");
    }

    /** Without a Content-Length (chunked), the size is only known while the body is read: the same answers. */
    @Test
    void shouldAnswerAChunkedUploadOverTheBodyLimitWithProblemDetails() throws Exception {
        String caseToken = (String) TestAccounts.openCase(TestAccounts.create()).get("caseToken");
        HttpResponse<String> answer = postOversized("/api/v1/my-case/evidence", true, "en", "Authorization", "Bearer " + caseToken);
        assertEquals(413, answer.statusCode(), answer.body());
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));
        assertTrue(answer.body().contains("\"status\":413") && answer.body().contains("MB"), answer.body());
    }

    @Test
    void shouldShowAReadablePageForAChunkedUploadOverTheBodyLimitInTheRequestersLanguage() throws Exception {
        String caseToken = (String) TestAccounts.openCase(TestAccounts.create()).get("caseToken");
        HttpResponse<String> english = postOversized("/recover/case/evidence", true, "en", "Cookie", SessionCookie.NAME + "=" + caseToken);
        assertEquals(413, english.statusCode(), english.body());
        assertTrue(english.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), english.headers() + " " + english.body());
        assertTrue(english.body().contains("too large") && english.body().contains("href=\"/recover/case\""), english.body());
        assertEquals("no-store", english.headers().firstValue("Cache-Control").orElse(""));

        HttpResponse<String> japanese = postOversized("/recover/case/evidence", true, "ja", "Cookie", SessionCookie.NAME + "=" + caseToken);
        assertEquals(413, japanese.statusCode());
        assertTrue(japanese.body().contains("ファイルが大きすぎます"), japanese.body());
    }

    /**
     * HTTP/2 has no chunked encoding, and a body of unknown length there cannot be read ahead of
     * Quarkus REST: such an upload is asked for its length, readably, before any of it is read.
     */
    @Test
    void shouldAskAnHttp2UploadOfUnknownLengthForItsLength() throws Exception {
        String caseToken = (String) TestAccounts.openCase(TestAccounts.create()).get("caseToken");
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
            io.vertx.core.http.HttpClient client = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions()
                    .setProtocolVersion(io.vertx.core.http.HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
            String[] api = http2UploadOfUnknownLength(client, "/api/v1/my-case/evidence", "en", "Authorization", "Bearer " + caseToken);
            assertEquals("HTTP_2 411 application/problem+json", api[0], api[1]);
            assertTrue(api[1].contains("\"status\":411") && api[1].contains("Content-Length"), api[1]);

            String[] page = http2UploadOfUnknownLength(client, "/recover/case/evidence", "ja", "Cookie", SessionCookie.NAME + "=" + caseToken);
            assertEquals("HTTP_2 411 text/html;charset=UTF-8", page[0], page[1]);
            assertTrue(page[1].contains("サイズ（Content-Length）") && page[1].contains("href=\"/recover/case\""), page[1]);
            com.recoverydesk.support.Languages.assertJapanese("411 on /recover/case/evidence", page[1]);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** Version, status and type of the answer, then its body. */
    private String[] http2UploadOfUnknownLength(io.vertx.core.http.HttpClient client, String path, String language,
                                                String header, String value) throws Exception {
        return client.request(io.vertx.core.http.HttpMethod.POST, root.getPort(), root.getHost(), path)
                .compose(request -> {
                    request.setChunked(true).putHeader(header, value).putHeader("Accept-Language", language)
                            .putHeader("Accept", path.startsWith("/api/") ? "application/json" : "text/html")
                            .putHeader("Content-Type", "multipart/form-data; boundary=XYZ");
                    request.write("--XYZ\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nID_FRONT\r\n");
                    request.end("--XYZ--\r\n");
                    return request.response();
                })
                .compose(response -> response.body().map(body -> new String[]{
                        response.version() + " " + response.statusCode() + " " + response.getHeader("Content-Type"), body.toString()}))
                .toCompletionStage().toCompletableFuture().get(15, java.util.concurrent.TimeUnit.SECONDS);
    }

    private HttpResponse<String> postOversized(String path, String header, String value) throws Exception {
        return postOversized(path, false, "en", header, value);
    }

    @Test
    void shouldTakeAChunkedUploadWithinTheLimit() throws Exception {
        String caseToken = (String) TestAccounts.openCase(TestAccounts.create()).get("caseToken");
        HttpResponse<String> answer = postUpload("/api/v1/my-case/evidence", true, "en", com.recoverydesk.support.EvidenceSamples.png(640, 400),
                "Authorization", "Bearer " + caseToken);
        assertEquals(201, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("ID_FRONT"), answer.body());
    }

    private HttpResponse<String> postOversized(String path, boolean chunked, String language, String header, String value) throws Exception {
        return postUpload(path, chunked, language, new byte[12 * 1024 * 1024], header, value);
    }

    private HttpResponse<String> postUpload(String path, boolean chunked, String language, byte[] file, String header, String value)
            throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--XYZ\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nID_FRONT\r\n--XYZ\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"big.png\"\r\nContent-Type: image/png\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        body.write(file);
        body.write("\r\n--XYZ--\r\n".getBytes(StandardCharsets.US_ASCII));
        HttpRequest request = HttpRequest.newBuilder(root.toURI().resolve(path)).header(header, value)
                .header("Accept", path.startsWith("/api/") && chunked ? "application/json" : "text/html")
                .header("Content-Type", "multipart/form-data; boundary=XYZ")
                .header("Accept-Language", language)
                .POST(chunked
                        // a stream of unknown length: the client sends it chunked, without a Content-Length
                        ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body.toByteArray()))
                        : HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        // HTTP/1.1: a body of unknown length goes chunked (HTTP/2 has no chunked encoding)
        HttpClient client = chunked ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build() : HttpClient.newHttpClient();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String rawExchange(byte[] head, byte[] body) throws Exception {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
