package com.recoverydesk.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Ed25519 keys of the checkpoints: the current one, which signs, and the retired ones, whose
 * public halves still verify what they signed. A key's id is derived from the key itself (the
 * first 16 hex digits of SHA-256 over its X.509 encoding), so an id cannot be claimed for
 * another key.
 */
public final class CheckpointKeys {

    public static final String ALGORITHM = "Ed25519";

    /** A public key as the API and the export show it. */
    public record PublicKeyView(String keyId, String algorithm, String publicKey, String publicKeyPem, boolean current) {
    }

    private final PrivateKey signingKey;
    private final String currentKeyId;
    private final Map<String, PublicKey> publicKeys;

    public CheckpointKeys(PrivateKey signingKey, PublicKey signingPublicKey, List<PublicKey> previous) {
        this.signingKey = signingKey;
        this.currentKeyId = keyId(signingPublicKey);
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        keys.put(currentKeyId, signingPublicKey);
        previous.forEach(k -> keys.putIfAbsent(keyId(k), k));
        this.publicKeys = Collections.unmodifiableMap(keys);
        byte[] probe = "recovery-desk key pair check".getBytes(StandardCharsets.UTF_8);
        if (!verify(currentKeyId, probe, sign(probe))) {
            throw new IllegalStateException("The audit signing key and its public key do not belong together");
        }
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    public byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(signingKey);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** False for an unknown key id or a signature that does not verify. */
    public boolean verify(String keyId, byte[] message, byte[] signature) {
        PublicKey key = publicKeys.get(keyId);
        return key != null && verifyWith(key, message, signature);
    }

    static boolean verifyWith(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // a malformed signature is as bad as a wrong one
        }
    }

    public boolean knows(String keyId) {
        return publicKeys.containsKey(keyId);
    }

    public List<PublicKeyView> publicKeys() {
        List<PublicKeyView> views = new ArrayList<>();
        publicKeys.forEach((id, key) -> views.add(new PublicKeyView(id, ALGORITHM,
                Base64.getEncoder().encodeToString(key.getEncoded()), pem("PUBLIC KEY", key.getEncoded()), id.equals(currentKeyId))));
        return views;
    }

    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static PrivateKey privateKey(String text) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(text, "PRIVATE KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // never echo the value: it is the secret
            throw new IllegalArgumentException("The audit signing key is not an Ed25519 private key in PKCS#8 (base64 or PEM)");
        }
    }

    static PublicKey publicKey(String text) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(text, "PUBLIC KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("An audit public key is not an Ed25519 public key in X.509 (base64 or PEM)");
        }
    }

    /** The DER bytes of a PEM block of the given type, or of plain base64. */
    static byte[] der(String text, String pemType) {
        String t = text.trim();
        Optional<String> body = Optional.empty();
        String begin = "-----BEGIN " + pemType + "-----";
        int start = t.indexOf(begin);
        if (start >= 0) {
            int end = t.indexOf("-----END " + pemType + "-----", start);
            if (end < 0) {
                throw new IllegalArgumentException("unterminated PEM block");
            }
            body = Optional.of(t.substring(start + begin.length(), end));
        }
        return Base64.getMimeDecoder().decode(body.orElse(t));
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
