package com.recoverydesk.audit;

/**
 * The result of walking the chain. {@code checked} counts the entries found intact from seq 1;
 * {@code firstBrokenSeq} is the first entry that is changed, missing, out of place or
 * unexpected, or null when the chain is valid.
 */
public record AuditVerification(boolean valid, long checked, Long firstBrokenSeq) {

    static AuditVerification intact(long checked) {
        return new AuditVerification(true, checked, null);
    }

    static AuditVerification brokenAt(long seq, long checked) {
        return new AuditVerification(false, checked, seq);
    }
}
