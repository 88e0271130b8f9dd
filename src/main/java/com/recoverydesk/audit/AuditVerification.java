package com.recoverydesk.audit;

/**
 * The result of verifying the chain and its checkpoints. {@code checked} counts the entries found
 * intact from seq 1; {@code firstBrokenSeq} is the first entry that is changed, missing, out of
 * place, unexpected or not what a checkpoint signed; {@code brokenCheckpoint} the number of the
 * checkpoint involved, if any. {@code problem} names the kind of tampering and {@code message}
 * says it in a sentence. All of them are null when the chain is valid.
 */
public record AuditVerification(boolean valid, long checked, Long firstBrokenSeq, Long brokenCheckpoint,
                                long checkpointsChecked, AuditProblem problem, String message) {

    static AuditVerification intact(long checked, long checkpoints) {
        return new AuditVerification(true, checked, null, null, checkpoints,
                null, "The chain is intact: " + checked + " entries and " + checkpoints + " checkpoints checked.");
    }

    static AuditVerification brokenAt(long seq, long checked, AuditProblem problem, String message) {
        return new AuditVerification(false, checked, seq, null, 0, problem, message);
    }

    static AuditVerification brokenCheckpoint(Long seq, long checkpoint, long checked, AuditProblem problem, String message) {
        return new AuditVerification(false, checked, seq, checkpoint, 0, problem, message);
    }
}
