package com.recoverydesk.evidence;

/**
 * An object as the storage keeps it.
 *
 * @param objectKey the storage's name for it: 32 random hex digits, meaningless outside the storage
 * @param size      plaintext bytes
 * @param sha256    SHA-256 of the plaintext, lower-case hex: what the audit trail records
 * @param keyId     the master key that wraps its data key
 */
public record StoredObject(String objectKey, long size, String sha256, String keyId) {
}
