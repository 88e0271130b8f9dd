package com.recoverydesk.audit;

/** What verification found wrong, one kind of tampering each (docs/compliance.md). */
public enum AuditProblem {
    /** An entry's content no longer matches its hash. */
    ENTRY_ALTERED,
    /** The sequence jumps past an entry. */
    ENTRY_MISSING,
    /** An entry does not link to the one before it: swapped, inserted or removed entries. */
    ENTRY_OUT_OF_ORDER,
    /** An entry lies beyond the chain head. */
    ENTRY_UNEXPECTED,
    /** The last entry was rewritten (its hash is not the one the chain head names). */
    HEAD_MISMATCH,
    /** The chain ends before the chain head or a checkpoint says it does. */
    TRUNCATED,
    /** An entry differs from what a checkpoint signed: the chain was rewritten and rehashed. */
    REWRITTEN_AFTER_CHECKPOINT,
    /** A checkpoint's signature does not verify with the service's keys. */
    CHECKPOINT_FORGED,
    /** The checkpoint numbers jump past one. */
    CHECKPOINT_MISSING
}
