package com.recoverydesk.compliance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How a report names an account without naming it: {@code acct-} and the first 16 hex digits of
 * SHA-256 over a fixed tag and the directory's account reference. The same account has the same
 * pseudonym in every report, so resets of one account line up; whoever holds an account
 * reference (the audit trail names it) can recompute its pseudonym, and nobody can read the
 * reference back out of a report.
 */
public final class AccountPseudonym {

    static final String TAG = "recovery-desk.account-pseudonym.v1\n";

    private AccountPseudonym() {
    }

    public static String of(String accountRef) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((TAG + accountRef).getBytes(StandardCharsets.UTF_8));
            return "acct-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
