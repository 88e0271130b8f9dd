package com.recoverydesk.audit;

/** Signing refused: the chain since the previous checkpoint does not verify, so no checkpoint may vouch for it. */
public class ChainBrokenException extends RuntimeException {

    private final AuditVerification verification;

    ChainBrokenException(AuditVerification verification) {
        super(verification.message(), null, false, false);
        this.verification = verification;
    }

    public AuditVerification verification() {
        return verification;
    }
}
