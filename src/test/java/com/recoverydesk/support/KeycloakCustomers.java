package com.recoverydesk.support;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Customers of the test realm, made and inspected as the master administrator (never with the
 * desk's own client, whose changes are what the tests check): each test makes its own user, with a
 * password, an authenticator app (TOTP) whose secret the test knows, and optionally a session.
 */
public final class KeycloakCustomers {

    public static final String PASSWORD = "customer-test-password";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private KeycloakCustomers() {
    }

    public record Customer(String userId, String email, String secondAddress, String otpSecret) {}

    public static Customer create() {
        String email = "kc-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String second = "second-" + email;
        String otpSecret = UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        Map<String, Object> user = Map.of(
                "username", email, "email", email, "emailVerified", true, "enabled", true, "firstName", "Kay", "lastName", "Customer",
                "attributes", Map.of("balanceTier", List.of("STANDARD"), "usualCountries", List.of("DE"), "notificationEmails", List.of(second),
                        "kycDateOfBirth", List.of("1990-05-17"), "kycDocumentLastDigits", List.of("4242"), "kycCountry", List.of("DE")),
                "credentials", List.of(
                        Map.of("type", "password", "value", PASSWORD, "temporary", false),
                        // the authenticator app the customer lost, as Keycloak stores an enrolled one
                        Map.of("type", "otp", "userLabel", "Phone (lost)", "secretData", "{\"value\":\"" + otpSecret + "\"}",
                                "credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}")));
        Response created = admin().body(user).post("/" + KeycloakServer.CUSTOMERS_REALM + "/users");
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Keycloak refused the test user: " + created.statusCode() + " " + created.asString());
        }
        String location = created.header("Location");
        return new Customer(location.substring(location.lastIndexOf('/') + 1), email, second, otpSecret);
    }

    /** Signs the customer in at the online service's own client (password and a current code): one session. */
    public static void signIn(Customer customer) {
        signInAtTheService(customer, totp(customer.otpSecret(), Instant.now())).statusCode(200);
    }

    /** The online service's own sign-in (a password grant of its client), with a TOTP code or none. */
    public static ValidatableResponse signInAtTheService(Customer customer, String totpCode) {
        RequestSpecification request = given().baseUri(KeycloakServer.get().issuer(KeycloakServer.CUSTOMERS_REALM))
                .contentType("application/x-www-form-urlencoded").formParam("grant_type", "password").formParam("client_id", "exchange-app")
                .formParam("username", customer.email()).formParam("password", PASSWORD);
        if (totpCode != null) {
            request.formParam("totp", totpCode);
        }
        return request.post("/protocol/openid-connect/token").then();
    }

    /** The user as the admin API shows it: {@code requiredActions}, {@code attributes}, {@code enabled}… */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> representation(Customer customer) {
        return admin().get(userPath(customer)).then().statusCode(200).extract().as(Map.class);
    }

    @SuppressWarnings("unchecked")
    public static List<String> requiredActions(Customer customer) {
        Object actions = representation(customer).get("requiredActions");
        return actions == null ? List.of() : (List<String>) actions;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, List<String>> attributes(Customer customer) {
        Object attributes = representation(customer).get("attributes");
        return attributes == null ? Map.of() : (Map<String, List<String>>) attributes;
    }

    public static List<String> credentialTypes(Customer customer) {
        return admin().get(userPath(customer) + "/credentials").then().statusCode(200).extract().jsonPath().getList("type", String.class);
    }

    public static int sessions(Customer customer) {
        return admin().get(userPath(customer) + "/sessions").then().statusCode(200).extract().jsonPath().getList("id").size();
    }

    public static void disable(Customer customer) {
        Map<String, Object> user = new java.util.HashMap<>(representation(customer));
        user.put("enabled", false);
        admin().body(user).put(userPath(customer)).then().statusCode(204);
    }

    /** The realm's record of the changes made to this user through the admin API (the desk's among them). */
    public static int changesOf(Customer customer) {
        return admin().queryParam("resourcePath", "users/" + customer.userId() + "*").queryParam("max", 1000)
                .get("/" + KeycloakServer.CUSTOMERS_REALM + "/admin-events").then().statusCode(200).extract().jsonPath().getList("time").size();
    }

    private static String userPath(Customer customer) {
        return "/" + KeycloakServer.CUSTOMERS_REALM + "/users/" + customer.userId();
    }

    private static RequestSpecification admin() {
        return KeycloakServer.get().admin();
    }

    /** RFC 6238 over the secret's bytes, as Keycloak reads a secret stored without an encoding. */
    static String totp(String secret, Instant at) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] hash = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(at.getEpochSecond() / 30).array());
            int offset = hash[hash.length - 1] & 0xf;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16) | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
