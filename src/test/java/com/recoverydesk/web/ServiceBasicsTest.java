package com.recoverydesk.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** What every answer of the service carries: security headers, problem details, operations endpoints. */
@QuarkusTest
class ServiceBasicsTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void shouldSendAStrictContentSecurityPolicyAndSecurityHeadersOnScreens() {
        given().accept("text/html").get("/login").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void shouldAnswerUnknownApiPathsWithProblemDetails() {
        given().get("/api/v1/no-such-thing").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"));
    }

    @Test
    void shouldShowAReadablePageForUnknownScreens() {
        given().accept("text/html").get("/no-such-page").then().statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("There is nothing here."));
    }

    @Test
    void shouldOfferTheStartPageToAnonymousVisitors() {
        given().accept("text/html").get("/").then().statusCode(200)
                .body(containsString("href=\"/recover\""))
                .body(containsString("href=\"/login\""));
    }

    @Test
    void shouldExposeHealthMetricsAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"))
                .body(containsString("recovery_outbox_pending_commands"))
                .body(containsString("recovery_process_deployed 1.0"));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/openapi?format=json").then().statusCode(200).body(containsString("/api/v1/auth/token"));
    }

    /**
     * A browser keeps its connection open. Every request on it is answered at once: a trusted proxy
     * written so that Quarkus reads it as a host name ({@code ::1} is host ":" port 1) was looked up in
     * DNS every few dozen requests, and each lookup held the connection for the resolver's 5 s timeout.
     */
    @Test
    void shouldAnswerEveryRequestOfAKeptAliveConnectionWithoutWaiting() throws IOException {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(3_000); // answers take milliseconds; the stall took 5 s
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            byte[] request = ("GET /css/desk.css HTTP/1.1\r\nHost: " + root.getHost() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 1; i <= 200; i++) {
                out.write(request);
                out.flush();
                String head = readHead(in);
                assertTrue(head.startsWith("HTTP/1.1 200"), "request " + i + " answered " + head);
                in.readNBytes(contentLength(head));
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            assertTrue(b >= 0, "the connection was closed");
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        assertEquals("a Content-Length", head, "the answer has no length");
        return 0;
    }
}
