package com.recoverydesk.accounts;

import com.recoverydesk.keys.MasterKeyring;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals short secrets (TOTP secrets) at rest with AES-256-GCM. The key is derived from the
 * service's master key ring (the one that wraps evidence keys) for this one purpose, so that the
 * ring's rotation covers it and no key encrypts two kinds of data. The account reference is bound
 * as associated data: a sealed secret copied to another account does not open.
 */
@ApplicationScoped
public class AccountSecrets {

    private static final byte[] PURPOSE = "recovery-desk/account-secret/v1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    public record Sealed(String ciphertext, String keyId) {}

    private final MasterKeyring keyring;
    private final SecureRandom random = new SecureRandom();

    public AccountSecrets(MasterKeyring keyring) {
        this.keyring = keyring;
    }

    public Sealed seal(String accountRef, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, derived(keyring.currentKey()), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(accountRef.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return new Sealed(Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array()),
                    keyring.currentKeyId());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    public String open(String accountRef, Sealed sealed) {
        SecretKey master = keyring.key(sealed.keyId())
                .orElseThrow(() -> new IllegalStateException("master key '" + sealed.keyId() + "' is not in the key ring"));
        byte[] all = Base64.getDecoder().decode(sealed.ciphertext());
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, derived(master), new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(accountRef.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sealed account secret does not open (altered, or sealed for another account)");
        }
    }

    private static SecretKey derived(SecretKey master) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(master.getEncoded(), "HmacSHA256"));
        return new SecretKeySpec(mac.doFinal(PURPOSE), "AES");
    }
}
